import type { Cluster, Redis } from 'ioredis'
import type { Knex } from 'knex'
import {
  RateLimiterMemory,
  RateLimiterMySQL,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterSQLite,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible'
import type { Database } from 'sqlite3'
import type { RateRule } from './limit-options'

/**
 * Where rate-limiter-flexible keeps the counts. Every app instance on one store shares them.
 *
 * - `redis`: the session store's ioredis client (standalone, Sentinel or Cluster). The library
 *   defines one command, `rlflxIncr`, on the client, and runs it per request (one key).
 * - `postgres`, `mysql`: the app's Knex (the library's `storeType: 'knex'`), on the table
 *   `createRateLimitTable` creates (a migration of the app).
 * - `sqlite`: a connection of its own to a file of its own (`openSqliteLimitStore`).
 * - `memory`: this process only; each instance counts alone.
 */
export type LimitStore =
  | { type: 'redis'; client: Redis | Cluster }
  | { type: 'postgres'; knex: Knex; tableName: string }
  | { type: 'mysql'; knex: Knex; database: string; tableName: string }
  | { type: 'sqlite'; database: Database; tableName: string }
  | { type: 'memory' }

/** What one limiter counts: its rule and the prefix of its keys. */
export interface LimiterSpec {
  rule: RateRule
  /** `<keyPrefix>:<name>`: the limits share one table or key space. */
  keyPrefix: string
  /** SQL stores: this limiter deletes rows expired an hour ago, every 5 minutes (one per table). */
  clearExpired: boolean
}

/**
 * The library's limiter for `store`. Tables are never created here (SQL tables come from the
 * migrations; the sqlite file's from `openSqliteLimitStore`). A key that went over its points is
 * then refused from memory until its window ends, sparing the store a flood's writes.
 */
export function createStoreLimiter(store: LimitStore, spec: LimiterSpec): RateLimiterAbstract {
  const { rule, keyPrefix, clearExpired } = spec
  const base = { points: rule.points, duration: rule.windowMs / 1000, keyPrefix }
  const stored = { ...base, inMemoryBlockOnConsumed: rule.points + 1 }
  switch (store.type) {
    case 'memory':
      return new RateLimiterMemory(base)
    case 'redis':
      // Not ready (reconnecting): fail at once instead of waiting for the deadline.
      return new RateLimiterRedis({
        ...stored,
        storeClient: store.client,
        rejectIfRedisNotReady: true,
      })
    case 'postgres':
      return new RateLimiterPostgres({
        ...stored,
        storeClient: store.knex,
        storeType: 'knex',
        tableName: store.tableName,
        tableCreated: true,
        clearExpiredByTimeout: clearExpired,
      })
    case 'mysql':
      return new RateLimiterMySQL({
        ...stored,
        storeClient: store.knex,
        storeType: 'knex',
        dbName: store.database,
        tableName: store.tableName,
        tableCreated: true,
        clearExpiredByTimeout: clearExpired,
      })
    case 'sqlite':
      return new RateLimiterSQLite({
        ...stored,
        storeClient: store.database,
        storeType: 'sqlite3',
        tableName: store.tableName,
        tableCreated: true,
        // Never the library's own timer here: its sqlite delete rejects unhandled once the
        // connection is closed, which ends the process. `openSqliteLimitStore` prunes instead.
        clearExpiredByTimeout: false,
      })
  }
}
