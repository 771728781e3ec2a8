import type { Knex } from 'knex'

/** The SQL engines the app's own tables and limits support. */
export type DatabaseEngine = 'sqlite' | 'pg' | 'mysql'

/** What the Knex instance calls its client (`sqlite3`, `pg`, `mysql2`...), for health answers. */
export function databaseClient(knex: Knex): string {
  const client: unknown = knex.client.config.client
  return typeof client === 'string' ? client : String(knex.client.driverName)
}

/** The engine behind a Knex instance, or null for one the app does not know. */
export function databaseEngine(knex: Knex): DatabaseEngine | null {
  const client = databaseClient(knex)
  if (client.startsWith('sqlite')) return 'sqlite'
  if (client === 'pg' || client.startsWith('postgres')) return 'pg'
  if (client.startsWith('mysql')) return 'mysql'
  return null
}
