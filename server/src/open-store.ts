import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import Redis, { Cluster, type RedisOptions } from 'ioredis'
import knexFactory, { type Knex } from 'knex'
import type { AppConfig } from './config'
import { type LimitStore, openSqlLimitStore } from './limits'
import { migrateApp } from './migrations'
import type { SessionStore } from './session'
import { createRedisStore } from './session/stores/redis'
import {
  createSqlStore,
  DEFAULT_SQL_STORE_OPTIONS,
  migrateSessions,
  sqliteKnexConfig,
  startPruning,
} from './session/stores/sql'

/** The session store and the app's database, with the connections behind them. */
export interface OpenStore {
  store: SessionStore
  /** The database of `users` and `notes` (and of sessions when `SESSION_STORE=sql`). */
  knex: Knex
  /**
   * Where the rate limits count, on the session store's back end: the Redis client, the
   * PostgreSQL or MySQL database, or on sqlite a file beside the database.
   */
  limitStore: LimitStore
  /** Stop background work and close every connection (Redis first, then Knex). */
  close(): Promise<void>
}

/**
 * ioredis settings for a session store: fail fast instead of queueing while Redis is away
 * (the middleware answers 503 and recovers when Redis returns), and pipeline automatically.
 */
export const REDIS_CLIENT_OPTIONS: RedisOptions = Object.freeze({
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  enableAutoPipelining: true,
  // A commit cut off by a disconnect fails (503) instead of running again after reconnecting.
  autoResendUnfulfilledCommands: false,
  connectTimeout: 2_000,
  retryStrategy: (times: number) => Math.min(times * 100, 1_000),
})

/** Knex settings for a `DATABASE_URL`. A sqlite file's folder is created when missing. */
export function knexConfigFor(databaseUrl: string): Knex.Config {
  if (/^(sqlite|file):/.test(databaseUrl)) {
    const file = resolve(databaseUrl.replace(/^(sqlite|file):(\/\/)?/, ''))
    mkdirSync(dirname(file), { recursive: true })
    return sqliteKnexConfig(file)
  }
  const client = /^postgres(ql)?:/.test(databaseUrl) ? 'pg' : 'mysql2'
  return {
    client,
    connection: databaseUrl,
    pool: { min: 0, max: 10 },
    acquireConnectionTimeout: 5_000,
  }
}

function redisClient(config: AppConfig['redis']): Redis | Cluster {
  if (config.mode === 'cluster') {
    return new Cluster(config.nodes, {
      enableOfflineQueue: false,
      enableAutoPipelining: true,
      redisOptions: REDIS_CLIENT_OPTIONS,
      clusterRetryStrategy: (times: number) => Math.min(times * 100, 1_000),
    })
  }
  if (config.mode === 'sentinel') {
    return new Redis({ ...REDIS_CLIENT_OPTIONS, sentinels: config.sentinels, name: config.name })
  }
  return new Redis(config.url, REDIS_CLIENT_OPTIONS)
}

function ready(client: Redis | Cluster, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Redis not ready after ${timeoutMs} ms`)),
      timeoutMs,
    )
    client.once('ready', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/**
 * Apply every migration the app needs: the sessions table (used when `SESSION_STORE=sql`) and
 * the app's `users` and `notes` tables. Safe at every start and from several processes.
 */
export async function migrateAll(knex: Knex): Promise<void> {
  await migrateSessions(knex, { tableName: DEFAULT_SQL_STORE_OPTIONS.tableName })
  await migrateApp(knex)
}

/**
 * Open the database (`DATABASE_URL`, always: users and notes live there) and the session store
 * the configuration names. Applies the migrations when `migrate` is true (the default for
 * sqlite). SQL store: prunes expired rows on an unref'd timer. Redis: waits until ready.
 */
export async function openStore(
  config: AppConfig,
  options: { migrate?: boolean } = {},
): Promise<OpenStore> {
  const knex = knexFactory(knexConfigFor(config.databaseUrl))
  try {
    const isSqlite = /^(sqlite|file):/.test(config.databaseUrl)
    if (options.migrate ?? isSqlite) await migrateAll(knex)
    if (config.sessionStore === 'redis') {
      const client = redisClient(config.redis)
      client.on('error', () => {
        // Reported per request as 503 and storeError events; ioredis reconnects by itself.
      })
      try {
        await ready(client, 10_000)
      } catch (error) {
        client.disconnect()
        throw error
      }
      return {
        store: createRedisStore({ client }),
        knex,
        limitStore: { type: 'redis', client },
        close: async () => {
          await client.quit().catch(() => client.disconnect())
          await knex.destroy()
        },
      }
    }
    const store = createSqlStore({ knex })
    const limits = await openSqlLimitStore(knex)
    const pruning = startPruning(store, { intervalMs: config.pruneIntervalMs })
    return {
      store,
      knex,
      limitStore: limits.store,
      close: async () => {
        await pruning.stop()
        await limits.close()
        await knex.destroy()
      },
    }
  } catch (error) {
    await knex.destroy()
    throw error
  }
}
