export { createRedisStore, DEFAULT_REDIS_STORE_OPTIONS } from './redis-store'
export type { RedisStoreOptions } from './redis-store'
