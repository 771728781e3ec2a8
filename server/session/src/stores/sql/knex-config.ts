import type { Knex } from 'knex'
import type { Database } from 'sqlite3'

/**
 * Knex configuration recommended for a sqlite file used as a session store.
 *
 * - `journal_mode = WAL`: readers do not block the writer (and the other way round).
 * - `busy_timeout = 5000`: another process holding the write lock makes us wait up to 5 s
 *   instead of failing at once with `SQLITE_BUSY`.
 * - `synchronous = NORMAL`: durable across application crashes; the safe choice with WAL.
 * - `foreign_keys = ON`: sqlite's default is off, for historical reasons.
 * - one connection (`pool.max = 1`): sqlite has a single writer anyway, and one connection
 *   keeps the store's transactions strictly ordered.
 *
 * @example
 * const knex = Knex(sqliteKnexConfig('data/sessions.sqlite'))
 */
export function sqliteKnexConfig(filename: string): Knex.Config {
  return {
    client: 'sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(connection: Database, done: (error: Error | null, connection: Database) => void) {
        connection.exec(
          'PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; ' +
            'PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;',
          (error) => done(error, connection),
        )
      },
    },
  }
}
