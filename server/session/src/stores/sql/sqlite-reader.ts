import type { SqliteDatabase, SqliteStatement } from './sqlite-driver'
import { createBatcher } from '../batcher'
import type { SessionColumns } from './session-row'

/** The part of Knex's sqlite3 client the reader uses. */
export interface SqliteClient {
  connectionSettings?: { filename?: unknown }
  config?: { pool?: { afterCreate?: unknown } }
  acquireRawConnection(): Promise<SqliteDatabase>
  destroyRawConnection(connection: SqliteDatabase): Promise<unknown>
}

/** Statements the reader runs at once: libuv's default thread pool has 4 threads. */
const PARALLEL_READS = 4
/** Most ids one `SELECT … WHERE id IN (…)` asks for. */
const MAX_BATCH = 32

interface Opened {
  connection: SqliteDatabase
  /** Statements not running now, by the number of ids they take (a power of two). */
  free: Map<number, SqliteStatement[]>
  all: SqliteStatement[]
}

/** Runs the store's `SELECT` on a connection of its own, batching what waits. */
export interface SqliteReader {
  select(id: string): Promise<SessionColumns | undefined>
  close(): Promise<void>
}

/**
 * A connection of its own for the store's `SELECT`, opened with Knex's settings and its pool's
 * `afterCreate` hook (the same pragmas). Through Knex's pool, each read waits for the previous
 * one's hand-off to a worker thread and back. Here up to four statements run at once, and the
 * reads that arrive meanwhile go together in one `SELECT … WHERE id IN (…)` (one hand-off for
 * all of them). Reads alone: a write here could wait for the lock inside a worker thread and
 * hold the thread; writes stay on the pooled connection. Null for an in-memory database, which a
 * second connection would not see.
 */
export function createSqliteReader(
  client: SqliteClient,
  selectMany: (count: number) => string,
): SqliteReader | null {
  const filename = client.connectionSettings?.filename
  if (typeof filename !== 'string' || filename === '' || /:memory:|mode=memory/.test(filename)) {
    return null
  }
  let opening: Promise<Opened> | null = null

  async function open(): Promise<Opened> {
    const connection = await client.acquireRawConnection()
    try {
      await setUp(client, connection)
      return { connection, free: new Map(), all: [] }
    } catch (error) {
      await client.destroyRawConnection(connection)
      throw error
    }
  }

  function opened(): Promise<Opened> {
    opening ??= open().catch((error: unknown) => {
      opening = null
      throw error
    })
    return opening
  }

  const select = createBatcher<string, SessionColumns | undefined>(
    async (ids) => {
      const rows = await selectIds(await opened(), [...ids])
      const byId = new Map(rows.map((row) => [row.id, row]))
      return ids.map((id) => byId.get(id))
    },
    PARALLEL_READS,
    MAX_BATCH,
  )

  async function selectIds(open: Opened, ids: string[]): Promise<SessionColumns[]> {
    let size = 1
    while (size < ids.length) size *= 2
    // Padded with the first id: one prepared statement per power of two, not per count.
    while (ids.length < size) ids.push(ids[0]!)
    const free = open.free.get(size) ?? []
    open.free.set(size, free)
    let statement = free.pop()
    if (!statement) {
      statement = open.connection.prepare(selectMany(size))
      open.all.push(statement)
    }
    try {
      return await allOn(statement, ids)
    } finally {
      free.push(statement)
    }
  }

  return {
    select,
    async close() {
      const closing = opening
      opening = null
      if (!closing) return
      const open = await closing.catch(() => null)
      if (!open) return
      // Each statement finishes the call it runs before it is finalized.
      for (const statement of open.all) statement.finalize()
      await client.destroyRawConnection(open.connection)
    },
  }
}

/**
 * Run the pool's `afterCreate` hook on the connection (Knex's pragmas), or set a busy timeout
 * when there is no hook (node-sqlite3's own default is 1 s).
 */
function setUp(client: SqliteClient, connection: SqliteDatabase): Promise<void> {
  const afterCreate = client.config?.pool?.afterCreate
  return new Promise((resolve, reject) => {
    const done = (error: unknown) => (error ? reject(toError(error)) : resolve())
    if (typeof afterCreate === 'function') {
      const hook = afterCreate as (
        connection: SqliteDatabase,
        done: (error: unknown) => void,
      ) => void
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
export function allOn(statement: SqliteStatement, params: unknown[]): Promise<SessionColumns[]> {
  return new Promise((resolve, reject) => {
    statement.all(params, (error, rows: SessionColumns[]) => {
      if (error) reject(error)
      else resolve(rows)
    })
  })
}
