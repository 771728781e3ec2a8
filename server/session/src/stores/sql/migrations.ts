import type { Knex } from 'knex'
import { SessionOptionsError } from '../../errors'
import { clientName, detectDialect } from './dialect'
import { checkTableName, DEFAULT_SQL_STORE_OPTIONS } from './options'

/** One migration of the sessions table. */
export interface SessionMigration {
  readonly name: string
  up(knex: Knex): Promise<void>
  down(knex: Knex): Promise<void>
}

/** Options of `migrateSessions` / `rollbackSessions`. */
export interface SessionMigrationOptions {
  /** The sessions table, as given to `createSqlStore`. Default `'header_sessions'` (its default too). */
  tableName?: string
}

const DEFAULT_TABLE = DEFAULT_SQL_STORE_OPTIONS.tableName

/** The migrations, in order. They live in code so that they ship inside the compiled package. */
function sessionMigrations(tableName: string): SessionMigration[] {
  return [
    {
      name: '20250101000000_create_sessions',
      async up(knex) {
        const mysql = detectDialect(knex) === 'mysql'
        await knex.schema.createTable(tableName, (table) => {
          if (mysql) {
            // utf8mb4 keeps any JSON text; a binary collation keeps ids and user ids
            // case-sensitive (base64url ids differing in case are different sessions).
            table.charset('utf8mb4')
            table.collate('utf8mb4_bin')
          }
          table.string('id', 43).primary()
          // Text, not json/jsonb: the data must come back byte-exact (jsonb reorders keys and
          // rejects \u0000). MEDIUMTEXT on MySQL, whose TEXT stops at 64 KiB.
          table.text('data', 'mediumtext').notNullable()
          table.string('user_id', 255).nullable()
          table.string('device', 255).nullable()
          table.bigInteger('created_at').notNullable()
          table.bigInteger('last_seen_at').notNullable()
          table.bigInteger('idle_expires_at').notNullable()
          table.bigInteger('absolute_expires_at').notNullable()
          table.integer('version').notNullable()
          table.index(['idle_expires_at'], `${tableName}_idle_idx`)
          table.index(['absolute_expires_at'], `${tableName}_absolute_idx`)
          table.index(['user_id'], `${tableName}_user_idx`)
        })
      },
      async down(knex) {
        await knex.schema.dropTableIfExists(tableName)
      },
    },
  ]
}

/**
 * A Knex migration source holding the sessions table's migrations, for apps that run them
 * from their own tooling (use it with `sessionMigrationConfig`).
 */
export function sessionMigrationSource(
  tableName: string = DEFAULT_TABLE,
): Knex.MigrationSource<SessionMigration> {
  return {
    getMigrations: async () => sessionMigrations(tableName),
    getMigrationName: (migration) => migration.name,
    getMigration: async (migration) => migration,
  }
}

/**
 * Knex migrator config for the sessions table. The migrations table is
 * `<tableName>_migrations` (and its lock table `<tableName>_migrations_lock`), so the session
 * migrations never mix with the app's own and each sessions table has its own history.
 */
export function sessionMigrationConfig(tableName: string = DEFAULT_TABLE): Knex.MigratorConfig {
  return {
    migrationSource: sessionMigrationSource(tableName),
    tableName: `${tableName}_migrations`,
  }
}

/** The migration config of `options.tableName` (the default table without it), both checked. */
function checkedMigrationConfig(knex: Knex, options: SessionMigrationOptions) {
  checkKnex(knex)
  const tableName = options.tableName ?? DEFAULT_TABLE
  checkTableName(tableName)
  return sessionMigrationConfig(tableName)
}

/**
 * Create or upgrade the sessions table. Safe to run at every start and from several processes
 * (Knex's migration lock serializes them).
 *
 * @throws SessionOptionsError when the Knex client is not sqlite3, pg or mysql2, or the table
 *   name is not a plain identifier.
 * @example
 * await migrateSessions(knex) // the table `createSqlStore({ knex })` uses
 * await migrateSessions(knex, { tableName: 'app_sessions' })
 */
export async function migrateSessions(
  knex: Knex,
  options: SessionMigrationOptions = {},
): Promise<void> {
  await knex.migrate.latest(checkedMigrationConfig(knex, options))
}

/** Undo every session migration: drops the sessions table (its migrations table stays). */
export async function rollbackSessions(
  knex: Knex,
  options: SessionMigrationOptions = {},
): Promise<void> {
  await knex.migrate.rollback(checkedMigrationConfig(knex, options), true)
}

function checkKnex(knex: Knex): void {
  if (detectDialect(knex) === null) {
    throw new SessionOptionsError(
      'knex',
      clientName(knex),
      'a Knex instance for sqlite3, pg or mysql2',
    )
  }
}
