import { basename, dirname, extname, join } from 'node:path'
import type { Knex } from 'knex'
import { RateLimiterSQLite } from 'rate-limiter-flexible'
import sqlite3, { type Database } from 'sqlite3'
import { databaseEngine } from '../db/database-engine'
import { mysqlTable } from '../db/mysql-table'
import type { LimitStore } from './limit-store'

/** The table of the counts in PostgreSQL, MySQL and in the sqlite limits file. */
export const RATE_LIMIT_TABLE = 'rate_limits'

/**
 * Create the table rate-limiter-flexible's PostgreSQL and MySQL limiters write: `key`, `points`,
 * `expire` (epoch ms), in that order, as the library inserts without naming columns. The
 * app's migrations call it; tests call it with their own table names.
 */
export async function createRateLimitTable(
  knex: Knex,
  tableName: string = RATE_LIMIT_TABLE,
): Promise<void> {
  const mysql = databaseEngine(knex) === 'mysql'
  await knex.schema.createTable(tableName, (table) => {
    mysqlTable(knex, table)
    table.string('key', 255).primary()
    table.integer('points').notNullable().defaultTo(0)
    const expire = table.bigInteger('expire').nullable()
    if (mysql) expire.unsigned()
    // The library deletes rows expired an hour ago every 5 minutes.
    table.index(['expire'], `${tableName}_expire_idx`)
  })
}

/**
 * The limit store of the app's PostgreSQL or MySQL/MariaDB Knex, on `tableName` (migrated).
 * MySQL's limiter names its table with the database, so the current one is asked once here.
 *
 * @throws TypeError for another engine: sqlite needs `openSqliteLimitStore`.
 */
export async function sqlLimitStore(
  knex: Knex,
  tableName: string = RATE_LIMIT_TABLE,
): Promise<LimitStore> {
  const dialect = databaseEngine(knex)
  if (dialect === 'pg') return { type: 'postgres', knex, tableName }
  if (dialect === 'mysql') {
    const [rows] = (await knex.raw('SELECT DATABASE() AS db')) as [Array<{ db: string | null }>]
    const database = rows[0]?.db
    if (!database) throw new TypeError('sqlLimitStore: the MySQL connection names no database')
    return { type: 'mysql', knex, database, tableName }
  }
  throw new TypeError(
    'sqlLimitStore: PostgreSQL or MySQL only (sqlite: openSqliteLimitStore on a file of its own)',
  )
}

/** The limits file beside a sqlite database: `data/sessions.sqlite` → `data/sessions-limits.sqlite`. */
export function sqliteLimitFile(databaseFile: string): string {
  const ext = extname(databaseFile)
  return join(dirname(databaseFile), `${basename(databaseFile, ext)}-limits${ext || '.sqlite'}`)
}

/** An opened limit store and the way to close the connection opened for it. */
export interface OpenedLimitStore {
  store: LimitStore
  close(): Promise<void>
}

/**
 * Open `file` (created when missing) as a sqlite limit store: WAL, a 5 s busy timeout, and the
 * library's table. A file of its own, not the app's database: the library's Knex mode gives
 * the pooled connection back before its statement has run (the app's next transaction then
 * fails with "cannot start a transaction within a transaction"), and a second writer on the
 * sessions file would hold the write lock the session store waits for.
 */
export async function openSqliteLimitStore(
  file: string,
  tableName: string = RATE_LIMIT_TABLE,
  options: { pruneIntervalMs?: number } = {},
): Promise<OpenedLimitStore> {
  const database = await new Promise<Database>((resolve, reject) => {
    const db: Database = new sqlite3.Database(file, (error) =>
      error ? reject(error) : resolve(db),
    )
  })
  const close = () =>
    new Promise<void>((resolve, reject) =>
      database.close((error) => (error ? reject(error) : resolve())),
    )
  try {
    await new Promise<void>((resolve, reject) =>
      database.exec(
        'PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;',
        (error) => (error ? reject(error) : resolve()),
      ),
    )
    // The library creates its own table (CREATE TABLE IF NOT EXISTS) when told it is missing.
    await new Promise<void>((resolve, reject) => {
      new RateLimiterSQLite(
        { storeClient: database, storeType: 'sqlite3', tableName, points: 1, duration: 1 },
        (error?: Error) => (error ? reject(error) : resolve()),
      )
    })
  } catch (error) {
    await close().catch(() => {})
    throw error
  }
  const pruning = startLimitPruning(
    database,
    tableName,
    options.pruneIntervalMs ?? PRUNE_INTERVAL_MS,
  )
  const stop = () => {
    clearInterval(pruning)
    return close()
  }
  return { store: { type: 'sqlite', database, tableName }, close: stop }
}

/** How often the sqlite limits file drops counts whose window ended (as the library would). */
const PRUNE_INTERVAL_MS = 300_000

/**
 * Delete the counts whose window ended over an hour ago, every `intervalMs`, on an unref'd
 * timer. A failure (a locked or closed file) is ignored: the next run tries again, and stale
 * rows only take room, they are never read as live (the library checks `expire`).
 */
function startLimitPruning(
  database: Database,
  tableName: string,
  intervalMs: number,
): ReturnType<typeof setInterval> {
  const timer = setInterval(() => {
    try {
      database.run(
        `DELETE FROM "${tableName}" WHERE expire < ?`,
        [Date.now() - 3_600_000],
        () => {},
      )
    } catch {
      // sqlite3 throws at once on a closed database.
    }
  }, intervalMs)
  timer.unref()
  return timer
}

/**
 * The limit store of the app's SQL database: its own Knex on PostgreSQL and MySQL, the limits
 * file beside the database on sqlite (`sqliteLimitFile`). `close` closes what was opened here
 * (the sqlite connection), never the Knex.
 */
export async function openSqlLimitStore(knex: Knex): Promise<OpenedLimitStore> {
  if (databaseEngine(knex) !== 'sqlite') {
    return { store: await sqlLimitStore(knex), close: async () => {} }
  }
  const connection = knex.client.config.connection as { filename?: unknown } | undefined
  const filename = connection?.filename
  if (typeof filename !== 'string' || filename === '' || filename === ':memory:') {
    throw new TypeError('openSqlLimitStore: a sqlite database in a file is needed')
  }
  return openSqliteLimitStore(sqliteLimitFile(filename))
}
