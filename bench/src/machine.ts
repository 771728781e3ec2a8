import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { cpus, release, totalmem } from 'node:os'
import { join } from 'node:path'
import knexFactory from 'knex'
import { BENCH_ENV } from './config'
import type { RedisStats } from './redis-stats'

/** Where and with what a run was made. */
export interface MachineInfo {
  date: string
  cpu: string
  cores: number
  memoryGiB: number
  os: string
  node: string
  commit: string
  versions: Record<string, string>
}

const PACKAGES = [
  'koa',
  'koa-session',
  'express',
  'express-session',
  'connect-redis',
  'redis',
  'ioredis',
  'knex',
  'objection',
  'sqlite3',
  'pg',
  'autocannon',
]

/** A package's version, read from its package.json (some do not export it). */
function packageVersion(name: string): string {
  for (const base of [
    join(__dirname, '..', 'node_modules'),
    join(__dirname, '..', '..', 'node_modules'),
  ]) {
    const file = join(base, name, 'package.json')
    if (existsSync(file))
      return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
  }
  return 'not installed'
}

async function sqlVersion(config: Parameters<typeof knexFactory>[0], sql: string): Promise<string> {
  const knex = knexFactory(config)
  try {
    const result: unknown = await knex.raw(sql)
    const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows
    return String(Object.values((rows[0] ?? {}) as Record<string, unknown>)[0])
  } catch {
    return 'unavailable'
  } finally {
    await knex.destroy()
  }
}

/** Collect the machine, the versions of every package and service, and the commit. */
export async function machineInfo(redis: RedisStats): Promise<MachineInfo> {
  let commit = 'unknown'
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
  } catch {
    // Not a git checkout.
  }
  const versions: Record<string, string> = {}
  for (const name of PACKAGES) versions[name] = packageVersion(name)
  versions['Redis server'] = await redis.serverVersion()
  versions.PostgreSQL = await sqlVersion(
    { client: 'pg', connection: BENCH_ENV.pgUrl },
    'show server_version',
  )
  versions['sqlite (library)'] = await sqlVersion(
    { client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true },
    'select sqlite_version()',
  )
  return {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    node: process.version,
    commit,
    versions,
  }
}
