import { SessionOptionsError } from '../../errors'
import type { RedisClient } from './client'

/**
 * What a write answered by the store promises (see the README, "Durability"):
 * - `'async'`: the primary has it. Redis replicates asynchronously, so a failover may lose
 *   the last writes acknowledged before it.
 * - `'replicated'`: the primary has it and `replicas` replicas acknowledged it (`WAIT`) within
 *   `replicationTimeoutMs`; otherwise the write fails with `RedisReplicationError`.
 */
export type RedisDurability = 'async' | 'replicated'

/** Options of `createRedisStore`. */
export interface RedisStoreOptions {
  /**
   * An ioredis client (5 or 6): standalone, Sentinel or `Cluster`, made with
   * `REDIS_CLIENT_OPTIONS`. Until it is first ready, the store's commands wait for it (and
   * connect a `lazyConnect` client), within the middleware's `storeTimeoutMs`; the store never
   * closes it, and defines nothing on it: its Lua scripts go as `EVALSHA` (`EVAL` when a
   * server does not have them yet).
   */
  client: RedisClient
  /** Prefix of every key the store writes (see `keys.ts` for the shapes). Default `'hs:'`. */
  prefix?: string
  /** Default `'async'`. See `RedisDurability`. */
  durability?: RedisDurability
  /** With `'replicated'`: replicas that must acknowledge each write. Default 1. */
  replicas?: number
  /**
   * With `'replicated'`: how long the primary waits for them (`WAIT`'s timeout), per write.
   * Keep it below the middleware's `storeTimeoutMs`, or the deadline answers 503 first.
   * Default 500.
   */
  replicationTimeoutMs?: number
}

/** `RedisStoreOptions` with every default applied. */
export interface ResolvedRedisStoreOptions {
  client: RedisClient
  prefix: string
  durability: RedisDurability
  replicas: number
  replicationTimeoutMs: number
}

/** Defaults of `RedisStoreOptions`. */
export const DEFAULT_REDIS_STORE_OPTIONS: Readonly<Omit<ResolvedRedisStoreOptions, 'client'>> =
  Object.freeze({
    prefix: 'hs:',
    durability: 'async',
    replicas: 1,
    replicationTimeoutMs: 500,
  })

const DURABILITIES: readonly RedisDurability[] = ['async', 'replicated']

/**
 * Check `options` and apply the defaults, into a new object.
 *
 * @throws SessionOptionsError naming the first bad option.
 */
export function resolveRedisStoreOptions(options: RedisStoreOptions): ResolvedRedisStoreOptions {
  const { client } = options ?? {}
  if (typeof client !== 'object' || client === null || typeof client.call !== 'function') {
    throw new SessionOptionsError('client', client, 'an ioredis Redis or Cluster instance')
  }
  const prefix = options.prefix ?? DEFAULT_REDIS_STORE_OPTIONS.prefix
  if (typeof prefix !== 'string') throw new SessionOptionsError('prefix', prefix, 'a string')
  const durability = options.durability ?? DEFAULT_REDIS_STORE_OPTIONS.durability
  if (!DURABILITIES.includes(durability)) {
    throw new SessionOptionsError('durability', durability, `one of ${DURABILITIES.join(', ')}`)
  }
  if (durability === 'async') {
    // Either would be ignored, and a reader would believe the writes are replicated.
    for (const name of ['replicas', 'replicationTimeoutMs'] as const) {
      if (options[name] !== undefined) {
        throw new SessionOptionsError(
          name,
          options[name],
          "nothing unless durability is 'replicated'",
        )
      }
    }
  }
  const replicas = options.replicas ?? DEFAULT_REDIS_STORE_OPTIONS.replicas
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 100) {
    throw new SessionOptionsError('replicas', replicas, 'an integer from 1 to 100')
  }
  const replicationTimeoutMs =
    options.replicationTimeoutMs ?? DEFAULT_REDIS_STORE_OPTIONS.replicationTimeoutMs
  // WAIT's timeout 0 means "block forever": never allowed.
  if (
    !Number.isInteger(replicationTimeoutMs) ||
    replicationTimeoutMs < 1 ||
    replicationTimeoutMs > 60_000
  ) {
    throw new SessionOptionsError(
      'replicationTimeoutMs',
      replicationTimeoutMs,
      'an integer from 1 to 60000 (milliseconds)',
    )
  }
  return { client, prefix, durability, replicas, replicationTimeoutMs }
}
