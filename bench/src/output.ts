import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { format } from 'prettier'

/** The bench folder (sources are compiled to bench/dist). */
export const BENCH_DIR = join(__dirname, '..')
export const RESULTS_DIR = join(BENCH_DIR, 'results')

/** Write JSON formatted as the repository's prettier check expects. */
export async function writeJson(name: string, value: unknown): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const file = join(RESULTS_DIR, name)
  writeFileSync(file, await format(JSON.stringify(value), { parser: 'json' }))
  return file
}

export function readJson<T>(name: string): T | null {
  const file = join(RESULTS_DIR, name)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null
}

export function writeBenchFile(name: string, text: string): string {
  const file = join(BENCH_DIR, name)
  writeFileSync(file, text)
  return file
}
