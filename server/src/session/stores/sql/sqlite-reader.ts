import type { Database, Statement } from 'sqlite3'
import type { SessionColumns } from './session-model'

/** The part of Knex's sqlite3 client the reader uses. */
export interface SqliteClient {
  connectionSettings?: { filename?: unknown }
  config?: { pool?: { afterCreate?: unknown } }
  acquireRawConnection(): Promise<Database>
  destroyRawConnection(connection: Database): Promise<unknown>
}

/** Statements the reader runs at once; below libuv's 4 threads so a writer always gets one. */
const PARALLEL_READS = 2

interface Opened {
  connection: Database
  statements: Statement[]
}

/** Runs the store's `SELECT` on a connection of its own, two at a time. */
export interface SqliteReader {
  select(id: string): Promise<SessionColumns | undefined>
  close(): Promise<void>
}

/**
 * A connection of its own for the store's `SELECT`, opened with Knex's settings and its pool's
 * `afterCreate` hook (the same pragmas). Knex's pool hands its one connection to one query at a
 * time, and node-sqlite3 runs one call per statement at a time, so reads through the pool wait
 * for each other's thread hand-offs; here two statements run at once. Reads alone: a write here
 * could wait for the lock inside a worker thread and hold the thread; writes stay on the pooled
 * connection. Null for an in-memory database, which a second connection would not see.
 */
export function createSqliteReader(client: SqliteClient, select: string): SqliteReader | null {
  const filename = client.connectionSettings?.filename
  if (typeof filename !== 'string' || filename === '' || /:memory:|mode=memory/.test(filename)) {
    return null
  }
  let opening: Promise<Opened> | null = null
  let next = 0

  async function open(): Promise<Opened> {
    const connection = await client.acquireRawConnection()
    try {
      await setUp(client, connection)
      const statements: Statement[] = []
      for (let i = 0; i < PARALLEL_READS; i++) statements.push(connection.prepare(select))
      return { connection, statements }
    } catch (error) {
      await client.destroyRawConnection(connection)
      throw error
    }
  }

  return {
    async select(id) {
      opening ??= open().catch((error: unknown) => {
        opening = null
        throw error
      })
      const { statements } = await opening
      const statement = statements[next++ % PARALLEL_READS]!
      return selectOn(statement, id)
    },
    async close() {
      const closing = opening
      opening = null
      if (!closing) return
      const opened = await closing.catch(() => null)
      if (!opened) return
      for (const statement of opened.statements) statement.finalize()
      await client.destroyRawConnection(opened.connection)
    },
  }
}

/** Run the pool's `afterCreate` hook on the connection, or set a busy timeout when there is none. */
function setUp(client: SqliteClient, connection: Database): Promise<void> {
  const afterCreate = client.config?.pool?.afterCreate
  return new Promise((resolve, reject) => {
    const done = (error: unknown) => (error ? reject(toError(error)) : resolve())
    if (typeof afterCreate === 'function') {
      const hook = afterCreate as (connection: Database, done: (error: unknown) => void) => void
      hook(connection, done)
    } else {
      connection.exec('PRAGMA busy_timeout = 5000', done)
    }
  })
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}

/**
 * `all`, not `get`: `get` leaves the statement open on its row, and an open statement keeps a
 * read transaction (locking the table against DROP, pinning a WAL snapshot).
 */
export function selectOn(statement: Statement, id: string): Promise<SessionColumns | undefined> {
  return new Promise((resolve, reject) => {
    statement.all([id], (error, rows: SessionColumns[]) => {
      if (error) reject(error)
      else resolve(rows[0])
    })
  })
}
