import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Knex, { type Knex as KnexInstance } from 'knex'
import type { SqlDialect } from '../../src/stores/sql/dialect'
import { sqliteKnexConfig } from '../../src/stores/sql/knex-config'
import { migrateSessions } from '../../src/stores/sql/migrations'
import { createSqlStore } from '../../src/stores/sql/sql-store'
import { SERVICES, type ServiceName } from './services'
import type { StoreHarness } from './store-contract'

/** The service each dialect's tests need (`describeWith`), or none for sqlite. */
export const SERVICE_OF: Record<SqlDialect, ServiceName | null> = {
  sqlite: null,
  pg: 'postgres',
  mysql: 'mysql',
}

/** A database for one test file: every `connect()` opens another Knex instance on it. */
export interface TestDatabase {
  dialect: SqlDialect
  connect(): KnexInstance
  /** Destroy every Knex instance opened here and delete the sqlite file. */
  close(): Promise<void>
}

/** Open the test database of `dialect`: a fresh temp file (WAL) for sqlite, the CI service otherwise. */
export function openTestDatabase(dialect: SqlDialect): TestDatabase {
  const dir = dialect === 'sqlite' ? mkdtempSync(join(tmpdir(), 'hs-sql-')) : null
  const instances: KnexInstance[] = []
  const config = (): KnexInstance.Config => {
    if (dir !== null) return sqliteKnexConfig(join(dir, 'sessions.sqlite'))
    if (dialect === 'pg') return { client: 'pg', connection: SERVICES.postgres.url }
    return { client: 'mysql2', connection: SERVICES.mysql.url }
  }
  return {
    dialect,
    connect() {
      const knex = Knex(config())
      instances.push(knex)
      return knex
    },
    async close() {
      await Promise.all(instances.map((knex) => knex.destroy()))
      if (dir !== null) rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A table name no other test (file or run) uses, within the 40-character limit. */
export function uniqueTableName(purpose: string): string {
  return `hs_${purpose}_${randomBytes(5).toString('hex')}`
}

/** Drop a sessions table and its migration tables. */
export async function dropSessionTables(knex: KnexInstance, tableName: string): Promise<void> {
  for (const table of [tableName, `${tableName}_migrations`, `${tableName}_migrations_lock`]) {
    await knex.schema.dropTableIfExists(table)
  }
}

/** The contract suite's harness: a migrated unique table in the dialect's test database. */
export async function sqlHarness(dialect: SqlDialect): Promise<StoreHarness> {
  const database = openTestDatabase(dialect)
  const knex = database.connect()
  const tableName = uniqueTableName('contract')
  await migrateSessions(knex, { tableName })
  return {
    store: createSqlStore({ knex, tableName }),
    corrupt: async (id) => void (await knex(tableName).where({ id }).update({ data: '{"a": no' })),
    async close() {
      await dropSessionTables(knex, tableName)
      await database.close()
    },
  }
}

/** The names of the indexes on `tableName`, as the database reports them. */
export async function indexNames(knex: KnexInstance, dialect: SqlDialect, tableName: string) {
  if (dialect === 'sqlite') {
    const rows: Array<{ name: string }> = await knex('sqlite_master')
      .select('name')
      .where({ type: 'index', tbl_name: tableName })
    return rows.map((row) => row.name).sort()
  }
  if (dialect === 'pg') {
    const rows: Array<{ indexname: string }> = await knex('pg_indexes')
      .select('indexname')
      .where({ tablename: tableName })
    return rows.map((row) => row.indexname).sort()
  }
  const rows: Array<{ name: string }> = await knex('information_schema.statistics')
    .distinct('index_name as name')
    .where({ table_name: tableName })
    .andWhereRaw('table_schema = database()')
  return rows.map((row) => row.name).sort()
}
