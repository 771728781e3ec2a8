import type { Database, RunResult, Statement } from 'sqlite3'
import {
  insertValues,
  updateValues,
  withConnection,
  type PoolingClient,
  type PreparedStatements,
  type StatementTexts,
} from './prepared-statements'
import type { SessionColumns } from './session-model'

type Prepared = Record<keyof StatementTexts, Statement>

/**
 * The hot statements on node-sqlite3, prepared on each connection the first time it is used.
 * sqlite refuses to close a connection with statements still open, so they are finalized when
 * the pool is about to destroy the connection (`knex.destroy()`, or an idle connection reaped).
 */
export function sqliteStatements(
  client: PoolingClient<unknown>,
  texts: StatementTexts,
): PreparedStatements {
  const pool = client as PoolingClient<Database>
  const prepared = new WeakMap<Database, Prepared>()
  const hooked = new WeakSet<object>()

  function statements(connection: Database): Prepared {
    let found = prepared.get(connection)
    if (found) return found
    const { pool: tarn } = pool
    if (tarn && !hooked.has(tarn)) {
      hooked.add(tarn)
      tarn.on('destroyRequest', (_id, closing) => {
        const open = prepared.get(closing)
        if (!open) return
        prepared.delete(closing)
        for (const statement of Object.values(open)) statement.finalize()
      })
    }
    found = {
      select: connection.prepare(texts.select),
      insert: connection.prepare(texts.insert),
      update: connection.prepare(texts.update),
    }
    prepared.set(connection, found)
    return found
  }

  function run(connection: Database, name: keyof Prepared, params: unknown[]): Promise<number> {
    return new Promise((resolve, reject) => {
      statements(connection)[name].run(params, function done(this: RunResult, error) {
        if (error) reject(error)
        else resolve(this.changes)
      })
    })
  }

  return {
    select: (id) =>
      withConnection(pool, (connection) => {
        // `all`, not `get`: `get` leaves the statement open on its row, and an open statement
        // keeps a read transaction (locking the table against DROP, pinning a WAL snapshot).
        return new Promise<SessionColumns | undefined>((resolve, reject) => {
          statements(connection).select.all([id], (error, rows: SessionColumns[]) => {
            if (error) reject(error)
            else resolve(rows[0])
          })
        })
      }),
    insert: async (row) => {
      await withConnection(pool, (connection) => run(connection, 'insert', insertValues(row)))
    },
    updateAtVersion: (id, base, columns) =>
      withConnection(pool, (connection) =>
        run(connection, 'update', updateValues(id, base, columns)),
      ),
  }
}
