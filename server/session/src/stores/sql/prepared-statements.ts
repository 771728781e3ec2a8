import type { Knex } from 'knex'
import type { SqlDialect } from './dialect'
import {
  COLUMNS,
  type PoolingClient,
  type PreparedStatements,
  type StatementTexts,
} from './hot-statements'
import { pgStatements } from './pg-statements'
import type { SessionColumns } from './session-row'
import { sqliteStatements } from './sqlite-statements'

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
