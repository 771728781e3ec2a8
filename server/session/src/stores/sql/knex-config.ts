import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Knex } from 'knex'
import { SessionOptionsError } from '../../errors'
import type { SqliteDatabase } from './sqlite-driver'

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
 * The file's folder is created here when missing (sqlite creates the file, not its folder).
 * `':memory:'`, `''` (a temporary database) and `file:` URIs are passed on as they are.
 *
 * @throws SessionOptionsError when `filename` is not a string, or its folder cannot be created
 *   (the message names the file and the system's reason).
 * @example
 * const knex = Knex(sqliteKnexConfig('data/sessions.sqlite'))
 */
export function sqliteKnexConfig(filename: string): Knex.Config {
  createFolderOf(filename)
  return {
    client: 'sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(
        connection: SqliteDatabase,
        done: (error: Error | null, connection: SqliteDatabase) => void,
      ) {
        connection.exec(
          'PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; ' +
            'PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;',
          (error) => done(error, connection),
        )
      },
    },
  }
}

/** Create the folder a sqlite file will be in, unless the name is no plain path. */
function createFolderOf(filename: unknown): void {
  if (typeof filename !== 'string') {
    throw new SessionOptionsError('filename', filename, 'the path of a sqlite file')
  }
  if (filename === '' || filename === ':memory:' || filename.startsWith('file:')) return
  const folder = dirname(resolve(filename))
  try {
    mkdirSync(folder, { recursive: true })
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error)
    // The folder in full: the option's value is cut short in the message.
    throw new SessionOptionsError(
      'filename',
      filename,
      `a file in a folder that exists or can be created; creating ${folder} failed: ${reason}`,
    )
  }
}
