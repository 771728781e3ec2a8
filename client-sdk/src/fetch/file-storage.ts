import type { Storage } from '../core/types'

/** The `node:fs` functions the file storage uses (pass `require('node:fs')`). */
export interface FileSystemLike {
  readFileSync(path: string, encoding: 'utf8'): string
  writeFileSync(path: string, data: string, options: { mode: number }): void
  renameSync(from: string, to: string): void
}

/**
 * A storage in a JSON file, for Node (CLIs, tests, servers calling other services). The file is
 * written atomically with mode 0600, since it holds a bearer token. `fs` is injected so that
 * browser and mini-program bundles never import `node:fs`.
 *
 * @example
 * ```ts
 * import * as fs from 'node:fs'
 * createFileStorage('.session.json', fs)
 * ```
 */
export function createFileStorage(path: string, fs: FileSystemLike): Storage {
  const read = (): Record<string, string> => {
    let text: string
    try {
      text = fs.readFileSync(path, 'utf8')
    } catch (e) {
      if (e && (e as { code?: unknown }).code === 'ENOENT') return {}
      throw e
    }
    try {
      const data: unknown = JSON.parse(text)
      return data && typeof data === 'object' ? (data as Record<string, string>) : {}
    } catch {
      return {} // corrupted: read as empty, repaired by the next write
    }
  }
  const update = (change: (data: Record<string, string>) => void): void => {
    const data = read()
    change(data)
    fs.writeFileSync(path + '.tmp', JSON.stringify(data), { mode: 0o600 })
    fs.renameSync(path + '.tmp', path)
  }
  return {
    get: (key) => {
      const value = read()[key]
      return typeof value === 'string' ? value : null
    },
    set: (key, value) => update((data) => (data[key] = value)),
    remove: (key) => update((data) => delete data[key]),
  }
}
