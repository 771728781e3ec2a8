export { createApp, type AppOptions, type WechatOptions } from './app'
export type { AppRouter, AppRoutes, RouteDeps } from './routes'
export { loadConfig, ConfigError, type AppConfig, type LogLevel } from './config'
export { createLogger, type LoggerOptions } from './logger'
export { openStore, migrateAll, knexConfigFor, type OpenStore } from './open-store'
export {
  migrateApp,
  rollbackApp,
  appMigrationSource,
  appMigrationConfig,
  APP_MIGRATIONS_TABLE,
  type AppMigration,
} from './migrations'
export {
  AppError,
  LoginRequiredError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
  WechatLoginError,
  WechatUnavailableError,
} from './errors'
export {
  createRateLimitTable,
  DEFAULT_LIMITS_OPTIONS,
  openSqliteLimitStore,
  openSqlLimitStore,
  RATE_LIMIT_TABLE,
  sqliteLimitFile,
  sqlLimitStore,
  type LimitsOptions,
  type LimitStore,
  type RateRule,
  type OpenedLimitStore,
} from './limits'
export { clientAddress, parseTrustedProxies, type TrustedProxies } from './http/client-address'
