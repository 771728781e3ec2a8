// The store
export { createSqlStore } from './sql-store'
export type { SqlSessionStore } from './sql-store'
export { DEFAULT_SQL_STORE_OPTIONS } from './options'
export type { SqlStoreOptions } from './options'
export type { SqlDialect } from './dialect'

// Schema
export {
  migrateSessions,
  rollbackSessions,
  sessionMigrationConfig,
  sessionMigrationSource,
} from './migrations'
export type { SessionMigration, SessionMigrationOptions } from './migrations'

// Pruning
export { startPruning } from './prune'
export type { Prunable, PruneOptions, Pruning, PruningOptions } from './prune'

// Knex configuration
export { sqliteKnexConfig } from './knex-config'
