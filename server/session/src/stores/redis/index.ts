export { createRedisStore } from './redis-store'
export {
  DEFAULT_REDIS_STORE_OPTIONS,
  type RedisDurability,
  type RedisStoreOptions,
} from './store-options'
export { RedisReplicationError } from './replication-error'
export { REDIS_CLIENT_OPTIONS, REDIS_SENTINEL_CLIENT_OPTIONS } from './client-options'
