import { createBatcher } from '../batcher'
import {
  insertValues,
  updateValues,
  withConnection,
  type PoolingClient,
  type PreparedStatements,
  type StatementTexts,
} from './hot-statements'
import type { SessionColumns } from './session-row'

/** The part of a node-postgres client this module uses. */
interface PgConnection {
  query<R>(config: { name: string; text: string; values: unknown[] }): Promise<PgResult<R>>
}

interface PgResult<R> {
  rows: R[]
  rowCount: number | null
}

/** Statement names in use, per table: node-postgres prepares a named query once per connection. */
const names = new Map<string, number>()

/**
 * The hot statements on node-postgres as named queries: the server parses and plans each once
 * per connection, and node-postgres sends only Bind/Execute afterwards.
 */
export function pgStatements(
  client: PoolingClient<unknown>,
  texts: StatementTexts,
  tableName: string,
): PreparedStatements {
  const pool = client as PoolingClient<PgConnection>
  let index = names.get(tableName)
  if (index === undefined) {
    index = names.size
    names.set(tableName, index)
  }
  // PostgreSQL takes the ids of a batch as one array: one `selectMany` text for any count.
  const text = { ...texts, selectMany: texts.selectMany(1) }

  function query<R>(kind: keyof typeof text, values: unknown[]): Promise<PgResult<R>> {
    const name = `header_session_${kind}_${index}`
    return withConnection(pool, (connection) =>
      connection.query<R>({ name, text: text[kind], values }),
    )
  }

  // Loads asked for while four are in flight go together in one `WHERE id = ANY($1)`.
  const select = createBatcher<string, SessionColumns | undefined>(
    async (ids) => {
      if (ids.length === 1) return [(await query<SessionColumns>('select', ids)).rows[0]]
      const { rows } = await query<SessionColumns>('selectMany', [ids])
      const byId = new Map(rows.map((row) => [row.id, row]))
      return ids.map((id) => byId.get(id))
    },
    4,
    64,
  )

  return {
    select,
    async insert(row) {
      await query('insert', insertValues(row))
    },
    async updateAtVersion(id, base, columns) {
      const { rowCount } = await query('update', updateValues(id, base, columns))
      return rowCount ?? 0
    },
  }
}
