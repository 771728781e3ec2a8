import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TextDecoder, TextEncoder } from 'node:util'
import knexFactory from 'knex'
import { startRedisCluster } from '../../server/session/test/support/redis-cluster'
import { SERVICES, type ServiceName } from '../../server/session/test/support/services'
import { migrate } from './servers'

/** The cells of the matrix: where the server keeps its sessions. */
export type StoreName = 'sqlite' | 'postgres' | 'mysql' | 'redis' | 'redis-cluster'

export const STORE_NAMES: readonly StoreName[] = [
  'sqlite',
  'postgres',
  'mysql',
  'redis',
  'redis-cluster',
]

/** What each cell is, for test names and the README. */
export const STORE_LABELS: Record<StoreName, string> = {
  sqlite: 'SESSION_STORE=sql on sqlite',
  postgres: 'SESSION_STORE=sql on PostgreSQL',
  mysql: 'SESSION_STORE=sql on MariaDB',
  redis: 'SESSION_STORE=redis on standalone Redis',
  'redis-cluster': 'SESSION_STORE=redis on a 3-node Redis Cluster',
}

/** The CI service a cell needs (skipped loudly outside CI when it is down), if any. */
export const STORE_SERVICE: Record<StoreName, ServiceName | null> = {
  sqlite: null,
  postgres: 'postgres',
  mysql: 'mysql',
  redis: 'redis',
  'redis-cluster': null,
}

/** A store provisioned for one test file: the server environment that uses it, and cleanup. */
export interface ProvisionedStore {
  readonly name: StoreName
  /** `SESSION_STORE`, `DATABASE_URL`, `REDIS_URL` / `REDIS_CLUSTER_NODES`. */
  readonly env: Record<string, string>
  /** Drop what was created (schema, database, keys, processes, files). */
  close(): Promise<void>
}

/** Options of {@link provisionStore}. */
export interface ProvisionOptions {
  /** The standalone Redis database number. Default 12 (server tests use 5, the bench 9). */
  redisDb?: number
}

// pg needs TextEncoder/TextDecoder, which jsdom test environments (the mini-program files) lack.
if (typeof globalThis.TextEncoder === 'undefined')
  Object.assign(globalThis, { TextEncoder, TextDecoder })

const unique = (): string => `e2e_${randomBytes(5).toString('hex')}`

function tempSqlite(): { url: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'hs-e2e-'))
  return {
    url: `sqlite:${join(dir, 'app.sqlite')}`,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** PostgreSQL: a fresh schema, named in the URL's `search_path`, migrated. */
async function postgres(): Promise<ProvisionedStore> {
  const schema = unique()
  const admin = knexFactory({ client: 'pg', connection: SERVICES.postgres.url })
  await admin.raw(`CREATE SCHEMA ${schema}`)
  const url = new URL(SERVICES.postgres.url)
  url.searchParams.set('options', `-c search_path=${schema}`)
  const env = { SESSION_STORE: 'sql', DATABASE_URL: url.toString() }
  const close = async (): Promise<void> => {
    await admin.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await admin.destroy()
  }
  try {
    await migrate(env)
  } catch (error) {
    await close()
    throw error
  }
  return { name: 'postgres', env, close }
}

/** MariaDB/MySQL: a fresh database (the app's tables have fixed names), migrated. */
async function mysql(): Promise<ProvisionedStore> {
  const database = unique()
  const admin = knexFactory({ client: 'mysql2', connection: SERVICES.mysql.url })
  await admin.raw(`CREATE DATABASE ${database}`)
  const url = new URL(SERVICES.mysql.url)
  url.pathname = `/${database}`
  const env = { SESSION_STORE: 'sql', DATABASE_URL: url.toString() }
  const close = async (): Promise<void> => {
    await admin.raw(`DROP DATABASE IF EXISTS ${database}`)
    await admin.destroy()
  }
  try {
    await migrate(env)
  } catch (error) {
    await close()
    throw error
  }
  return { name: 'mysql', env, close }
}

/**
 * Standalone Redis: a database number of the suite's own, never flushed, because two runs on
 * one machine (two developers' `npm test`) would flush each other's sessions mid-flow. Nothing
 * collides without it: session ids are random, user ids are UUIDs (users live in a temp sqlite
 * file), and short timeouts make every key this cell writes expire within the hour.
 */
function redis(db: number): ProvisionedStore {
  const url = new URL(SERVICES.redis.url)
  url.pathname = `/${db}`
  const sqlite = tempSqlite()
  return {
    name: 'redis',
    env: {
      SESSION_STORE: 'redis',
      REDIS_URL: url.toString(),
      DATABASE_URL: sqlite.url,
      SESSION_IDLE_TIMEOUT_MS: '3600000',
      SESSION_ABSOLUTE_TIMEOUT_MS: '3600000',
    },
    close: async () => sqlite.remove(),
  }
}

/** A Redis Cluster of 3 masters started for this file; users in sqlite. */
async function redisCluster(): Promise<ProvisionedStore> {
  const cluster = await startRedisCluster()
  const sqlite = tempSqlite()
  const nodes = cluster.startupNodes.map((n) => `${n.host}:${n.port}`).join(',')
  return {
    name: 'redis-cluster',
    env: { SESSION_STORE: 'redis', REDIS_CLUSTER_NODES: nodes, DATABASE_URL: sqlite.url },
    async close() {
      await cluster.stop()
      sqlite.remove()
    },
  }
}

/**
 * Provision the store of one matrix cell, isolated from every other test file and run: a temp
 * sqlite file, a fresh PostgreSQL schema, a fresh MariaDB database, a Redis database of its own, or
 * a Redis Cluster of its own. Users and notes go to sqlite for the Redis cells.
 */
export async function provisionStore(
  name: StoreName,
  options: ProvisionOptions = {},
): Promise<ProvisionedStore> {
  switch (name) {
    case 'sqlite': {
      const sqlite = tempSqlite()
      return {
        name,
        env: { SESSION_STORE: 'sql', DATABASE_URL: sqlite.url },
        close: async () => sqlite.remove(),
      }
    }
    case 'postgres':
      return postgres()
    case 'mysql':
      return mysql()
    case 'redis':
      return redis(options.redisDb ?? 12)
    case 'redis-cluster':
      return redisCluster()
  }
}
