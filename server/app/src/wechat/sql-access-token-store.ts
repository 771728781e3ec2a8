import { randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import { mysqlTable } from '../db/mysql-table'
import {
  type AccessTokenStore,
  type ForcedRefreshDecision,
  parseCachedToken,
} from './access-token-store'

/** The table of the access_token, its lock and its forced refreshes (a migration of the app). */
export const WECHAT_TOKEN_TABLE = 'wechat_token_state'

/** A statement chosen as a deadlock's victim: MySQL/MariaDB errno 1213, PostgreSQL 40P01. */
function isDeadlock(error: unknown): boolean {
  const { errno, code } = (error ?? {}) as { errno?: unknown; code?: unknown }
  return errno === 1213 || code === 'ER_LOCK_DEADLOCK' || code === '40P01'
}

/**
 * Create the table `createSqlAccessTokenStore` uses: `key` (primary), `value` (text),
 * `expires_at` (epoch ms). The app's migrations call it; tests call it with their own names.
 */
export async function createWechatTokenTable(
  knex: Knex,
  tableName: string = WECHAT_TOKEN_TABLE,
): Promise<void> {
  await knex.schema.createTable(tableName, (table) => {
    mysqlTable(knex, table)
    table.string('key', 191).primary()
    table.text('value').notNullable()
    table.bigInteger('expires_at').notNullable()
  })
}

/** Options of `createSqlAccessTokenStore`. */
export interface SqlAccessTokenStoreOptions {
  /** The app's Knex (sqlite, PostgreSQL or MySQL/MariaDB), owned by the caller. */
  knex: Knex
  /** The appid whose token this is: apps sharing a database keep apart. */
  appId: string
  /** Default `wechat_token_state` (migrated). */
  tableName?: string
}

interface Row {
  key: string
  value: string
  expires_at: number | string
}

/** A forced-refresh count as the row keeps it; `nonce` makes each write unique. */
interface ForcedState {
  day: number
  count: number
  lastAt: number | null
  nonce: string
}

/** Tries of the forced-refresh compare-and-set before giving up (it races only other tries). */
const FORCED_TRIES = 5

/**
 * The access_token store on SQL, in three rows of one table: `<appid>:access-token` (the token
 * as JSON), `<appid>:lock` (insert-if-absent lease: the lock id, its end in real time; an
 * ended lease is taken over by an update that checks the end), `<appid>:forced` (the day's
 * forced refreshes, updated by compare-and-set on the whole value). Plain statements without
 * transactions, so it runs on the app's one-connection sqlite Knex too.
 *
 * @example
 * const store = createSqlAccessTokenStore({ knex, appId: config.wechat.appId })
 */
export function createSqlAccessTokenStore(options: SqlAccessTokenStoreOptions): AccessTokenStore {
  const { knex, appId } = options
  const tableName = options.tableName ?? WECHAT_TOKEN_TABLE
  const table = () => knex<Row>(tableName)
  const tokenKey = `${appId}:access-token`
  const lockKey = `${appId}:lock`
  const forcedKey = `${appId}:forced`

  async function valueOf(key: string): Promise<string | null> {
    const row = await table().select('value').where({ key }).first()
    return row ? row.value : null
  }
  /** Insert the row unless one exists; whether ours is the one there now. */
  async function insertIfAbsent(key: string, value: string, expiresAt: number): Promise<boolean> {
    try {
      await table().insert({ key, value, expires_at: expiresAt }).onConflict('key').ignore()
    } catch (error) {
      // Concurrent inserts of one key can deadlock on InnoDB's index locks (`INSERT IGNORE`,
      // errno 1213): the victim's statement is rolled back, so another process's row won.
      if (!isDeadlock(error)) throw error
    }
    return (await valueOf(key)) === value
  }

  return {
    async read() {
      return parseCachedToken(await valueOf(tokenKey))
    },
    async write(token) {
      await table()
        .insert({ key: tokenKey, value: JSON.stringify(token), expires_at: token.expiresAt })
        .onConflict('key')
        .merge(['value', 'expires_at'])
    },
    async acquireLock(ttlMs) {
      const lockId = randomBytes(16).toString('hex')
      const leaseEnd = Date.now() + ttlMs
      if (await insertIfAbsent(lockKey, lockId, leaseEnd)) return lockId
      const taken = await table()
        .update({ value: lockId, expires_at: leaseEnd })
        .where({ key: lockKey })
        .andWhere('expires_at', '<', Date.now())
      return taken === 1 ? lockId : null
    },
    async releaseLock(lockId) {
      await table().where({ key: lockKey, value: lockId }).delete()
    },
    async takeForcedRefresh(request): Promise<ForcedRefreshDecision> {
      for (let attempt = 0; attempt < FORCED_TRIES; attempt++) {
        const stored = await valueOf(forcedKey)
        const state = stored === null ? null : (JSON.parse(stored) as ForcedState)
        const today = state !== null && state.day === request.day ? state.count : 0
        if (state?.lastAt != null && request.now - state.lastAt < request.minIntervalMs) {
          return { allowed: false, reason: 'too-soon' }
        }
        if (today >= request.maxPerDay) return { allowed: false, reason: 'daily-limit' }
        const next: ForcedState = {
          day: request.day,
          count: today + 1,
          lastAt: request.now,
          nonce: randomBytes(8).toString('hex'),
        }
        const value = JSON.stringify(next)
        // Kept two days past its day, like the Redis keys (the row is reused the next day).
        const expiresAt = request.now + 2 * 86_400_000
        if (stored === null) {
          if (await insertIfAbsent(forcedKey, value, expiresAt)) return { allowed: true }
          continue
        }
        const updated = await table()
          .update({ value, expires_at: expiresAt })
          .where({ key: forcedKey, value: stored })
        if (updated === 1) return { allowed: true }
      }
      // Another process keeps winning the race: it is refreshing, so this one need not.
      return { allowed: false, reason: 'too-soon' }
    },
  }
}
