import type { Knex } from 'knex'
import { APP_MIGRATIONS, type AppMigration } from './app-migrations'

export type { AppMigration } from './app-migrations'

/** Knex's history table of the app's migrations (the sessions table keeps its own). */
export const APP_MIGRATIONS_TABLE = 'app_migrations'

/** A Knex migration source holding the `users`, `notes` and `rate_limits` migrations. */
export function appMigrationSource(): Knex.MigrationSource<AppMigration> {
  return {
    getMigrations: async () => [...APP_MIGRATIONS],
    getMigrationName: (migration) => migration.name,
    getMigration: async (migration) => migration,
  }
}

/** Knex migrator config of the app's tables. */
export function appMigrationConfig(): Knex.MigratorConfig {
  return { migrationSource: appMigrationSource(), tableName: APP_MIGRATIONS_TABLE }
}

/**
 * Create or upgrade the `users` and `notes` tables, and `rate_limits` on PostgreSQL and MySQL
 * (sqlite keeps the limits in a file of its own). Safe at every start and from several
 * processes (Knex's migration lock serializes them). Run it beside `migrateSessions`.
 */
export async function migrateApp(knex: Knex): Promise<void> {
  await knex.migrate.latest(appMigrationConfig())
}

/** Undo every app migration (drops `rate_limits`, `notes` and `users`). */
export async function rollbackApp(knex: Knex): Promise<void> {
  await knex.migrate.rollback(appMigrationConfig(), true)
}
