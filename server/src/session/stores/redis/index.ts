export { createRedisStore } from './redis-store'
export {
  DEFAULT_REDIS_STORE_OPTIONS,
  type RedisDurability,
  type RedisStoreOptions,
} from './store-options'
export { RedisReplicationError } from './replication-error'
