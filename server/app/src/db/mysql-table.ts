import type { Knex } from 'knex'
import { databaseEngine } from './database-engine'

/**
 * On MySQL and MariaDB: utf8mb4 for any text, and a binary collation so that keys and openids
 * stay case-sensitive (and trailing spaces count). Nothing on the other engines.
 */
export function mysqlTable(knex: Knex, table: Knex.CreateTableBuilder): void {
  if (databaseEngine(knex) !== 'mysql') return
  table.charset('utf8mb4')
  table.collate('utf8mb4_bin')
}
