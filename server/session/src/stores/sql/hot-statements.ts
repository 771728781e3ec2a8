import type { SessionColumns } from './session-row'

/*
 * What the hot statements of every driver share (`prepared-statements.ts` picks one set,
 * `pg-statements.ts` and `sqlite-statements.ts` implement them): their contract, the column
 * order of their SQL, and the pool hand-off.
 */

/** The columns a version-checked commit writes. */
export type UpdateColumns = Pick<
  SessionColumns,
  'data' | 'user_id' | 'device' | 'last_seen_at' | 'idle_expires_at' | 'version'
>

/**
 * The store's three hot statements (`get`, `create`, the fast-path commit), each prepared once
 * per pooled connection and run on the driver directly. Knex builds and compiles a query on
 * every call; on sqlite that costs several times the query itself.
 */
export interface PreparedStatements {
  select(id: string): Promise<SessionColumns | undefined>
  insert(row: SessionColumns): Promise<void>
  /** Resolves the number of rows updated: 0 when no row `id` is at version `base`. */
  updateAtVersion(id: string, base: number, columns: UpdateColumns): Promise<number>
}

/** One statement's SQL per operation, for a table. */
export interface StatementTexts {
  select: string
  insert: string
  update: string
  /** A `select` of several ids at once (`count` of them; PostgreSQL takes one array). */
  selectMany(count: number): string
}

/** The part of Knex's client this module uses: its connection pool. */
export interface PoolingClient<C> {
  driverName?: unknown
  acquireConnection(): Promise<C>
  releaseConnection(connection: C): unknown
  pool?: { on(event: 'destroyRequest', listener: (id: number, connection: C) => void): unknown }
}

/** The columns of the sessions table, in the order the statements name them. */
export const COLUMNS = [
  'id',
  'data',
  'user_id',
  'device',
  'created_at',
  'last_seen_at',
  'idle_expires_at',
  'absolute_expires_at',
  'version',
] as const

/** The columns of a row in insert order (the order of `statementTexts().insert`). */
export function insertValues(row: SessionColumns): unknown[] {
  return COLUMNS.map((column) => row[column])
}

/** The parameters of `statementTexts().update`, in order. */
export function updateValues(id: string, base: number, columns: UpdateColumns): unknown[] {
  const { data, user_id, device, last_seen_at, idle_expires_at, version } = columns
  return [data, user_id, device, last_seen_at, idle_expires_at, version, id, base]
}

/** Run `work` on a connection of the pool, and give it back. */
export async function withConnection<C, T>(
  client: PoolingClient<C>,
  work: (connection: C) => Promise<T>,
): Promise<T> {
  const connection = await client.acquireConnection()
  try {
    return await work(connection)
  } finally {
    await client.releaseConnection(connection)
  }
}
