import { randomBytes } from 'node:crypto'
import type { Cluster, Redis } from 'ioredis'
import {
  type AccessTokenStore,
  type ForcedRefreshDecision,
  parseCachedToken,
} from './access-token-store'

/** Options of `createRedisAccessTokenStore`. */
export interface RedisAccessTokenStoreOptions {
  /** A ready ioredis client (standalone, Sentinel or Cluster), owned by the caller. */
  client: Redis | Cluster
  /** The appid whose token this is: apps sharing a Redis keep apart. */
  appId: string
  /** Prefix of the keys. Default `hs:wechat`. */
  keyPrefix?: string
}

/** Deletes the lock only if it is still ours: a lease that ran out may be another's. */
const RELEASE_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`

/**
 * Counts a forced refresh when the last is `minIntervalMs` old (on the caller's clock, held in
 * the key's value) and the day's count is under the maximum. Keys: last forced refresh, the
 * day's count; args: now, min interval, max a day, keys' life (ms).
 */
const TAKE_FORCED_REFRESH = `local last = tonumber(redis.call('GET', KEYS[1]) or '')
local now = tonumber(ARGV[1])
if last and now - last < tonumber(ARGV[2]) then return 'too-soon' end
local count = tonumber(redis.call('GET', KEYS[2]) or '0')
if count >= tonumber(ARGV[3]) then return 'daily-limit' end
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[4])
return 'allowed'`

/** The forced-refresh keys outlive their day (two days), then go by themselves. */
const FORCED_KEYS_LIFE_MS = 2 * 86_400_000

/**
 * The access_token store on Redis: the token under `<prefix>:{<appid>}:access-token` (expiring
 * with it), the lock `…:lock` (`SET NX PX`, released by a compare-and-delete script), the
 * forced refreshes `…:forced-at` and `…:forced:<day>` (one script). The `{<appid>}` hash tag
 * keeps them in one Cluster slot, as the scripts need.
 *
 * @example
 * const store = createRedisAccessTokenStore({ client: redis, appId: config.wechat.appId })
 */
export function createRedisAccessTokenStore(
  options: RedisAccessTokenStoreOptions,
): AccessTokenStore {
  const { client, appId } = options
  const base = `${options.keyPrefix ?? 'hs:wechat'}:{${appId}}`
  const tokenKey = `${base}:access-token`
  const lockKey = `${base}:lock`
  const forcedAtKey = `${base}:forced-at`

  return {
    async read() {
      return parseCachedToken(await client.get(tokenKey))
    },
    async write(token) {
      const lifeMs = Math.max(1, Math.round(token.expiresAt - token.fetchedAt))
      await client.set(tokenKey, JSON.stringify(token), 'PX', lifeMs)
    },
    async acquireLock(ttlMs) {
      const lockId = randomBytes(16).toString('hex')
      const taken = await client.set(lockKey, lockId, 'PX', ttlMs, 'NX')
      return taken === 'OK' ? lockId : null
    },
    async releaseLock(lockId) {
      await client.eval(RELEASE_LOCK, 1, lockKey, lockId)
    },
    async takeForcedRefresh(request): Promise<ForcedRefreshDecision> {
      const answer = await client.eval(
        TAKE_FORCED_REFRESH,
        2,
        forcedAtKey,
        `${base}:forced:${request.day}`,
        request.now,
        request.minIntervalMs,
        request.maxPerDay,
        FORCED_KEYS_LIFE_MS,
      )
      if (answer === 'allowed') return { allowed: true }
      return { allowed: false, reason: answer === 'too-soon' ? 'too-soon' : 'daily-limit' }
    },
  }
}
