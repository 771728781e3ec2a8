import type { Knex } from 'knex'
import type { SqlDialect } from './dialect'
import { pgStatements } from './pg-statements'
import type { SessionColumns } from './session-model'
import { sqliteStatements } from './sqlite-statements'

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

/**
 * The hot statements for the store on `knex`: prepared on the driver for sqlite3 and pg
 * (node-postgres), built by Knex on every call for any other driver (MySQL).
 */
export function createPreparedStatements(
  knex: Knex,
  dialect: SqlDialect,
  tableName: string,
): PreparedStatements {
  const client = knex.client as PoolingClient<unknown>
  const texts = statementTexts(dialect, tableName)
  if (dialect === 'sqlite' && client.driverName === 'sqlite3')
    return sqliteStatements(client, texts)
  if (dialect === 'pg' && client.driverName === 'pg') return pgStatements(client, texts, tableName)
  return knexStatements(knex, tableName)
}

/** The hot statements built by Knex at each call. */
function knexStatements(knex: Knex, tableName: string): PreparedStatements {
  return {
    async select(id) {
      return (await knex(tableName).where('id', id).first()) as SessionColumns | undefined
    },
    async insert(row) {
      await knex(tableName).insert(row)
    },
    updateAtVersion: (id, base, columns) =>
      knex(tableName).where({ id, version: base }).update(columns),
  }
}

const COLUMNS = [
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

/** The SQL of the hot statements; `$n` placeholders on PostgreSQL, `?` elsewhere. */
function statementTexts(dialect: SqlDialect, tableName: string): StatementTexts {
  let n = 0
  const param = dialect === 'pg' ? () => `$${++n}` : () => '?'
  const table = `"${tableName}"`
  const from = `SELECT ${COLUMNS.join(', ')} FROM ${table} WHERE id`
  const select = `${from} = ${param()}`
  n = 0
  const insert =
    `INSERT INTO ${table} (${COLUMNS.join(', ')}) ` +
    `VALUES (${COLUMNS.map(() => param()).join(', ')})`
  n = 0
  const set = ['data', 'user_id', 'device', 'last_seen_at', 'idle_expires_at', 'version']
  const update =
    `UPDATE ${table} SET ${set.map((column) => `${column} = ${param()}`).join(', ')} ` +
    `WHERE id = ${param()} AND version = ${param()}`
  const selectMany =
    dialect === 'pg'
      ? () => `${from} = ANY($1)`
      : (count: number) => `${from} IN (${Array.from({ length: count }, () => '?').join(', ')})`
  return { select, insert, update, selectMany }
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
