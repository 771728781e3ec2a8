import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import Redis, { Cluster, type RedisOptions } from 'ioredis'
import knexFactory, { type Knex } from 'knex'
import type { AppConfig } from './config'
import { type LimitStore, openSqlLimitStore } from './limits'
import { migrateApp } from './migrations'
import type { SessionStore } from '@header-session/koa'
import {
  createRedisStore,
  DEFAULT_REDIS_STORE_OPTIONS,
  REDIS_CLIENT_OPTIONS,
  REDIS_SENTINEL_CLIENT_OPTIONS,
  type RedisStoreOptions,
} from '@header-session/koa/redis'
import {
  createSqlStore,
  DEFAULT_SQL_STORE_OPTIONS,
  migrateSessions,
  sqliteKnexConfig,
  startPruning,
} from '@header-session/koa/sql'

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

/** `REDIS_CLIENT_OPTIONS`, with a socket timeout above the store deadline when that is longer. */
function redisClientOptions(storeTimeoutMs: number): RedisOptions {
  const socketTimeout = Math.max(REDIS_CLIENT_OPTIONS.socketTimeout ?? 0, 2 * storeTimeoutMs)
  return { ...REDIS_CLIENT_OPTIONS, socketTimeout }
}

function redisClient(config: AppConfig): Redis | Cluster {
  const options = redisClientOptions(config.storeTimeoutMs)
  const redis = config.redis
  if (redis.mode === 'cluster') {
    return new Cluster(redis.nodes, {
      enableOfflineQueue: false,
      enableAutoPipelining: true,
      redisOptions: options,
      clusterRetryStrategy: (times: number) => Math.min(times * 100, 1_000),
    })
  }
  if (redis.mode === 'sentinel') {
    return new Redis({
      ...options,
      ...REDIS_SENTINEL_CLIENT_OPTIONS,
      sentinels: redis.sentinels,
      name: redis.name,
    })
  }
  return new Redis(redis.url, options)
}

/**
 * The durability options of the Redis store (`REDIS_DURABILITY`). `WAIT`'s timeout stays within
 * half the store deadline, so a replica that does not answer fails the write (503) before the
 * deadline abandons it.
 */
function redisStoreDurability(config: AppConfig): Partial<RedisStoreOptions> {
  if (config.redisDurability !== 'replicated') return {}
  const replicationTimeoutMs = Math.max(
    1,
    Math.min(
      DEFAULT_REDIS_STORE_OPTIONS.replicationTimeoutMs,
      Math.floor(config.storeTimeoutMs / 2),
    ),
  )
  return { durability: 'replicated', replicationTimeoutMs }
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
      const client = redisClient(config)
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
        store: createRedisStore({ client, ...redisStoreDurability(config) }),
        knex,
        limitStore: { type: 'redis', client },
        close: async () => {
          await client.quit().catch(() => {})
          // `quit` leaves the Sentinel failover detector's subscriptions open, reconnecting
          // forever (redis/ioredis#1362, fixed by #2198, unreleased); `disconnect` closes them.
          client.disconnect()
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
