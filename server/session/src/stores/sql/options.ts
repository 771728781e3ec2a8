import type { Knex } from 'knex'
import { SessionOptionsError } from '../../errors'
import { clientName, detectDialect, type SqlDialect } from './dialect'

/** Options of `createSqlStore`. */
export interface SqlStoreOptions {
  /** A ready Knex instance (sqlite3, pg or mysql2). The app owns it: the store never destroys it. */
  knex: Knex
  /** The sessions table, created by `migrateSessions`. Default `'header_sessions'`. */
  tableName?: string
  /** Most rows one `DELETE` of `prune()` removes. Default 1000. */
  pruneBatchSize?: number
  /** Clock that decides what `prune()` deletes. Default `Date.now`. */
  now?: () => number
}

/** `SqlStoreOptions` with defaults applied, plus the detected dialect. */
export interface ResolvedSqlStoreOptions {
  knex: Knex
  dialect: SqlDialect
  tableName: string
  pruneBatchSize: number
  now: () => number
}

/** Defaults of `SqlStoreOptions`. */
export const DEFAULT_SQL_STORE_OPTIONS = Object.freeze({
  tableName: 'header_sessions',
  pruneBatchSize: 1000,
})

/**
 * Longest table name: leaves room for the `_migrations_lock` suffix and index names within
 * PostgreSQL's 63-byte identifiers.
 */
const MAX_TABLE_NAME = 40
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Validate and default the options. Throws `SessionOptionsError` naming the bad option. */
export function resolveSqlStoreOptions(options: SqlStoreOptions): ResolvedSqlStoreOptions {
  const { knex } = options ?? {}
  if (typeof knex !== 'function' || typeof knex.client !== 'object' || knex.client === null) {
    throw new SessionOptionsError('knex', knex, 'a Knex instance')
  }
  const dialect = detectDialect(knex)
  if (dialect === null) {
    throw new SessionOptionsError(
      'knex',
      clientName(knex),
      'a Knex instance for sqlite3, pg or mysql2',
    )
  }
  const tableName = options.tableName ?? DEFAULT_SQL_STORE_OPTIONS.tableName
  checkTableName(tableName)
  const pruneBatchSize = options.pruneBatchSize ?? DEFAULT_SQL_STORE_OPTIONS.pruneBatchSize
  checkBatchSize('pruneBatchSize', pruneBatchSize)
  const now = options.now ?? Date.now
  if (typeof now !== 'function') throw new SessionOptionsError('now', now, 'a function')
  return { knex, dialect, tableName, pruneBatchSize, now }
}

/** Throw unless `tableName` is a plain SQL identifier short enough for every dialect. */
export function checkTableName(tableName: unknown): asserts tableName is string {
  if (
    typeof tableName !== 'string' ||
    !TABLE_NAME.test(tableName) ||
    tableName.length > MAX_TABLE_NAME
  ) {
    throw new SessionOptionsError(
      'tableName',
      tableName,
      `letters, digits and _, not starting with a digit, at most ${MAX_TABLE_NAME} characters`,
    )
  }
}

/** Throw unless `value` is an integer from 1 to 100 000. */
export function checkBatchSize(option: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100_000) {
    throw new SessionOptionsError(option, value, 'an integer from 1 to 100000')
  }
}
