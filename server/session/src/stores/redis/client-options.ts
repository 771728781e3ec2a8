import type { RedisOptions } from 'ioredis'

/**
 * ioredis settings for a session store: fail fast instead of queueing while Redis is away
 * (the middleware answers 503 and recovers when Redis returns), and pipeline automatically.
 * A plain object (its type is its own, not ioredis's `RedisOptions`), so it fits the
 * constructors of ioredis 5 and 6 alike.
 */
export const REDIS_CLIENT_OPTIONS = Object.freeze({
  enableOfflineQueue: false,
  // Every close rejects the commands in flight at once. ioredis 6.0.0 keeps them aside at a close
  // and, with `autoResendUnfulfilledCommands: false`, drops them unsettled when a reconnect
  // succeeds (redis/ioredis#2193; fixed by #2194, unreleased): the running auto-pipeline then
  // never calls back, and every later command waits behind it for good. The queue is rejected at
  // the close only every `maxRetriesPerRequest + 1`th reconnection attempt; 0 makes it every one.
  maxRetriesPerRequest: 0,
  // The commands of one event-loop tick go in one write: Redis reads and answers them at once.
  // Measured (bench/PROFILING.md): writes 1.15x the requests per second of a client without it,
  // at half the Redis CPU per write; reads the same (their loads already go in one MGET).
  enableAutoPipelining: true,
  // A commit cut off by a disconnect fails (503) instead of running again after reconnecting.
  autoResendUnfulfilledCommands: false,
  connectTimeout: 2_000,
  // A connection that answers nothing for this long while commands wait is dead (a peer gone
  // without a FIN or RST: a partition, a dropped NAT entry). TCP would retransmit for ~15
  // minutes, and with auto-pipelining every command waits behind the stuck ones; ioredis
  // destroys the socket instead, rejecting them, and reconnects. Keep it above any wait a
  // healthy Redis may take: `WAIT`'s `replicationTimeoutMs` and the middleware's
  // `storeTimeoutMs` (twice it is safe). Idle connections are probed by ioredis's `keepAlive`.
  socketTimeout: 2_000,
  retryStrategy: (times: number) => Math.min(times * 100, 1_000),
} satisfies RedisOptions)

/**
 * What a Sentinel client adds to `REDIS_CLIENT_OPTIONS`: follow a failover at once. The client
 * subscribes to `+switch-master` on the Sentinels and reconnects (to the new primary) when it is
 * published (`failoverDetector`, ioredis ≥ 4.27, luin/ioredis#1328), instead of writing to the
 * old primary until Sentinel demotes it, writes a resync then discards. A `READONLY` answer (the
 * old primary demoted before the message arrived) reconnects too; the command still fails.
 */
export const REDIS_SENTINEL_CLIENT_OPTIONS = Object.freeze({
  failoverDetector: true,
  reconnectOnError: (error: Error) => error.message.startsWith('READONLY'),
} satisfies RedisOptions)
