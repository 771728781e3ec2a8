export * from './session'
export {
  createRedisStore,
  DEFAULT_REDIS_STORE_OPTIONS,
  type RedisStoreOptions,
} from './session/stores/redis'
export * from './session/stores/sql'
export { createApp, type AppOptions } from './app'
export { loadConfig, ConfigError, type AppConfig } from './config'
export { openStore, knexConfigFor, REDIS_CLIENT_OPTIONS, type OpenStore } from './open-store'
