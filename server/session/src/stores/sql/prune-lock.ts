import { createHash } from 'node:crypto'
import type { Knex } from 'knex'
import type { SqlDialect } from './dialect'

/** Makes a query run on the connection that holds the lock. */
export type OnLockConnection = <B extends Knex.ChainableInterface>(builder: B) => B

/** The "only one process prunes this table at a time" lock. */
export interface PruneLock {
  /** Run `task` while holding the lock; resolve `null` at once when someone else holds it. */
  run<T>(task: (pin: OnLockConnection) => Promise<T>): Promise<T | null>
}

/**
 * The prune lock of a table. PostgreSQL: a session-level advisory lock; MySQL/MariaDB: a named
 * `GET_LOCK`. Both belong to a database session, so one connection is taken from the pool for
 * the whole prune: the lock, every batch and the unlock run on it. (A transaction-level
 * `pg_try_advisory_xact_lock` would also be safe, but would turn the batches into one long
 * transaction holding every deleted row's lock until the end.) sqlite has a single writer per
 * file and the store a single connection: a flag in this process is enough.
 */
export function createPruneLock(knex: Knex, dialect: SqlDialect, tableName: string): PruneLock {
  if (dialect === 'sqlite') return processLock()
  const sql = dialect === 'pg' ? pgLockSql(tableName) : mysqlLockSql(tableName)
  return {
    async run(task) {
      const connection: unknown = await knex.client.acquireConnection()
      const pin: OnLockConnection = (builder) => builder.connection(connection)
      try {
        const locked = readFlag(dialect, await pin(knex.raw(sql.lock, sql.bindings)))
        if (!locked) return null
        try {
          return await task(pin)
        } finally {
          await pin(knex.raw(sql.unlock, sql.bindings))
        }
      } finally {
        await knex.client.releaseConnection(connection)
      }
    },
  }
}

function processLock(): PruneLock {
  let held = false
  return {
    async run(task) {
      if (held) return null
      held = true
      try {
        return await task((builder) => builder)
      } finally {
        held = false
      }
    },
  }
}

interface LockSql {
  lock: string
  unlock: string
  bindings: readonly string[]
}

/** Advisory locks are per database; the 64-bit key comes from the table name. */
function pgLockSql(tableName: string): LockSql {
  const digest = createHash('sha256').update(`header-session:prune:${tableName}`).digest()
  return {
    lock: 'select pg_try_advisory_lock(?::bigint) as locked',
    unlock: 'select pg_advisory_unlock(?::bigint) as unlocked',
    bindings: [digest.readBigInt64BE(0).toString()],
  }
}

/**
 * `GET_LOCK` names are server-wide (and at most 64 characters): the name hashes the current
 * database with the table name, so apps sharing a server do not skip each other's prunes.
 */
function mysqlLockSql(tableName: string): LockSql {
  const name = "CONCAT('hs_prune_', SHA1(CONCAT(IFNULL(DATABASE(), ''), '.', ?)))"
  return {
    lock: `SELECT GET_LOCK(${name}, 0) AS locked`,
    unlock: `SELECT RELEASE_LOCK(${name}) AS unlocked`,
    bindings: [tableName],
  }
}

/** The `locked` column of the lock query's single row, per driver result shape. */
function readFlag(dialect: SqlDialect, result: unknown): boolean {
  const rows: unknown =
    dialect === 'pg' ? (result as { rows: unknown }).rows : (result as unknown[])[0]
  const row = (rows as Array<{ locked?: unknown }>)[0]
  return row?.locked === true || row?.locked === 1
}
