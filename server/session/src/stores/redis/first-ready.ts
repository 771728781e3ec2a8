import type { RedisClient } from './client'

/** The states of a client on its way to its first `ready`. */
const FIRST_CONNECT = new Set(['wait', 'connecting', 'connect'])

/**
 * What a store awaits before its first command: a promise while its client is still connecting
 * for the first time, `undefined` once it has been ready (checked without an `await`).
 *
 * With `enableOfflineQueue: false` (`REDIS_CLIENT_OPTIONS`) ioredis rejects a command at once
 * unless the client is `ready`, so a store used right after `new Redis(…)` would answer 503 to
 * the first requests. Until the client has been ready once, a store's commands wait for it
 * (`lazyConnect`: the store connects a client in `wait`); the middleware's deadline
 * (`storeTimeoutMs`) bounds that wait like any store call. The wait also ends when a connection
 * attempt fails (`close`, `end`): the command then goes to the client, which rejects it, so that
 * nothing piles up behind a Redis that never answers. After the first `ready`, an outage
 * (`reconnecting`) fails fast, as ioredis does without an offline queue.
 */
export function firstReady(client: RedisClient): () => Promise<void> | undefined {
  let wasReady = false
  let waiting: Promise<void> | undefined

  function wait(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        wasReady = client.status === 'ready'
        waiting = undefined
        for (const event of ['ready', 'close', 'end'] as const) client.removeListener(event, done)
        resolve()
      }
      for (const event of ['ready', 'close', 'end'] as const) client.once(event, done)
      if (client.status === 'wait') client.connect().catch(() => {})
    })
  }

  return () => {
    if (wasReady) return undefined
    if (client.status === 'ready') {
      wasReady = true
      return undefined
    }
    if (!FIRST_CONNECT.has(client.status)) return undefined
    waiting ??= wait()
    return waiting
  }
}
