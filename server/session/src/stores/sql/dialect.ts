import type { Knex } from 'knex'

/** The SQL engines the store supports. */
export type SqlDialect = 'sqlite' | 'pg' | 'mysql'

/** Knex client names (and knex driver names) per dialect. */
const CLIENTS: Readonly<Record<string, SqlDialect>> = {
  sqlite3: 'sqlite',
  sqlite: 'sqlite',
  pg: 'pg',
  postgres: 'pg',
  postgresql: 'pg',
  mysql: 'mysql',
  mysql2: 'mysql',
}

/**
 * The dialect of a Knex instance, from `knex.client.config.client` (or the driver name when the
 * config names a client class instead of a string). `null` for engines the store does not support.
 */
export function detectDialect(knex: Knex): SqlDialect | null {
  return CLIENTS[clientName(knex)] ?? null
}

/** What the Knex instance calls its client, for error messages. */
export function clientName(knex: Knex): string {
  const client: unknown = knex.client?.config?.client
  if (typeof client === 'string') return client
  const driver: unknown = knex.client?.driverName
  return typeof driver === 'string' ? driver : String(client)
}
