import { createBatcher } from '../batcher'
import {
  insertValues,
  updateValues,
  withConnection,
  type PoolingClient,
  type PreparedStatements,
  type StatementTexts,
} from './hot-statements'
import type { SqliteDatabase, SqliteRunResult, SqliteStatement } from './sqlite-driver'
import { allOn, createSqliteReader, type SqliteClient } from './sqlite-reader'

/** Writes run at once on the pooled connection (one statement object runs one call at a time). */
const PARALLEL_WRITES = 2
/** Most writes one turn of the pooled connection takes. */
const MAX_BATCH = 32

interface Prepared {
  select: SqliteStatement
  insert: SqliteStatement[]
  update: SqliteStatement[]
}

interface Write {
  kind: 'insert' | 'update'
  params: unknown[]
}

/**
 * The hot statements on node-sqlite3. Reads go to a connection of their own (`sqlite-reader.ts`).
 * Writes take Knex's pooled connection, so they queue behind a transaction of the store's
 * locking path instead of joining it; the writes waiting meanwhile take the next turn together
 * (one pool hand-off for all of them, not one each). Statements are prepared on each connection
 * the first time it is used, and finalized when the pool is about to destroy the connection
 * (sqlite refuses to close a connection with statements still open).
 */
export function sqliteStatements(
  client: PoolingClient<unknown>,
  texts: StatementTexts,
): PreparedStatements {
  const pool = client as PoolingClient<SqliteDatabase>
  const prepared = new WeakMap<SqliteDatabase, Prepared>()
  const hooked = new WeakSet<object>()
  const reader = createSqliteReader(client as unknown as SqliteClient, texts.selectMany)

  /** Finalize a connection's statements (and close the reader) when the pool destroys it. */
  function hookPool(): boolean {
    const { pool: tarn } = pool
    if (!tarn) return false
    if (hooked.has(tarn)) return true
    hooked.add(tarn)
    tarn.on('destroyRequest', (_id, closing) => {
      // The pool is closing (or reaping) its connection: the reader goes too, and comes back
      // on the next read.
      void reader?.close().catch(() => undefined)
      const open = prepared.get(closing)
      if (!open) return
      prepared.delete(closing)
      for (const statement of [open.select, ...open.insert, ...open.update]) statement.finalize()
    })
    return true
  }

  function statements(connection: SqliteDatabase): Prepared {
    let found = prepared.get(connection)
    if (found) return found
    hookPool()
    const several = (sql: string) =>
      Array.from({ length: PARALLEL_WRITES }, () => connection.prepare(sql))
    found = {
      select: connection.prepare(texts.select),
      insert: several(texts.insert),
      update: several(texts.update),
    }
    prepared.set(connection, found)
    return found
  }

  // One turn of the pooled connection at a time; what waits for it goes in the next turn.
  const write = createBatcher<Write, WriteResult>(
    (batch) => withConnection(pool, (connection) => writeBatch(connection, batch)),
    1,
    MAX_BATCH,
  )

  /**
   * Run the batch's writes at once. Several go in one transaction: one commit (one append to the
   * WAL) for all of them instead of one each. A write that fails (a duplicate id) fails alone,
   * as sqlite undoes just that statement; the others are settled once the commit has succeeded.
   */
  async function writeBatch(connection: SqliteDatabase, batch: Write[]): Promise<WriteResult[]> {
    const open = statements(connection)
    const runAll = () =>
      Promise.all(batch.map((item, i) => run(open[item.kind][i % PARALLEL_WRITES]!, item)))
    if (batch.length === 1) return runAll()
    await exec(connection, 'BEGIN IMMEDIATE')
    try {
      const results = await runAll()
      await exec(connection, 'COMMIT')
      return results
    } catch (error) {
      await exec(connection, 'ROLLBACK').catch(() => undefined)
      throw error
    }
  }

  return {
    select: (id) =>
      // No pool (Knex destroyed): the pooled path rejects as Knex does.
      reader && hookPool()
        ? reader.select(id)
        : withConnection(pool, async (connection) => {
            const [row] = await allOn(statements(connection).select, [id])
            return row
          }),
    insert: async (row) => {
      changes(await write({ kind: 'insert', params: insertValues(row) }))
    },
    updateAtVersion: async (id, base, columns) =>
      changes(await write({ kind: 'update', params: updateValues(id, base, columns) })),
  }
}

type WriteResult = { error: unknown } | { changes: number }

/** Run one write; never rejects (a write that fails fails alone). */
function run(statement: SqliteStatement, item: Write): Promise<WriteResult> {
  return new Promise((done) => {
    statement.run(item.params, function finished(this: SqliteRunResult, error) {
      done(error ? { error } : { changes: this.changes })
    })
  })
}

function changes(result: WriteResult): number {
  if ('error' in result) throw result.error
  return result.changes
}

function exec(connection: SqliteDatabase, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    connection.exec(sql, (error) => (error ? reject(error) : resolve()))
  })
}
