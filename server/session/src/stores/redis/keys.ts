/**
 * Key shapes, all under the store's `prefix` (default `hs:`):
 *
 * - `<prefix>s:<id>`: a session record (a string, see `record-format.ts`), with a PX TTL
 *   that only collects garbage: the middleware judges expiry from the times in the record.
 * - `<prefix>user:<userId>`: the sessions bound to a user, a sorted set of session ids
 *   scored by their `absoluteExpiresAt`, with a TTL up to its latest score.
 *
 * Every command and script touches one key, so the two kinds may live on different cluster
 * slots. A client's own `keyPrefix` option is applied on top by ioredis.
 */
export interface RedisKeys {
  session(id: string): string
  user(userId: string): string
}

/** The key builders of a store with `prefix`. */
export function redisKeys(prefix: string): RedisKeys {
  return {
    session: (id) => `${prefix}s:${id}`,
    user: (userId) => `${prefix}user:${userId}`,
  }
}
