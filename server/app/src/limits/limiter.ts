import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { withTimeout } from '../http/with-timeout'
import type { RateRule } from './limit-options'
import { createStoreLimiter, type LimitStore } from './limit-store'

/** One rate limit, counted in a store and, while the store fails, in this process's memory. */
export interface Limiter {
  /** Count one request of `key`: null when it may go on, else the ms until its window ends. */
  take(key: string): Promise<number | null>
}

/** Options of `createLimiter`. */
export interface LimiterOptions {
  store: LimitStore
  rule: RateRule
  /** `<prefix>:<name>`, e.g. `hs:limit:sessions`. */
  keyPrefix: string
  /** SQL stores: whether this limiter prunes expired rows (one limiter per table does). */
  clearExpired: boolean
  /** Deadline of one store call. */
  timeoutMs: number
  /** Told of each store failure; the request is then counted in memory instead. */
  onStoreError(error: unknown): void
}

/**
 * A limiter that never takes the app down with its store. A store call that fails or passes
 * `timeoutMs` counts the request in a per-process memory limiter with the same rule (fail
 * over, not open: an outage does not lift the limits, it makes them per instance).
 */
export function createLimiter(options: LimiterOptions): Limiter {
  const { store, rule, keyPrefix, timeoutMs, onStoreError } = options
  const primary = createStoreLimiter(store, { rule, keyPrefix, clearExpired: options.clearExpired })
  const memory =
    store.type === 'memory'
      ? null
      : new RateLimiterMemory({ points: rule.points, duration: rule.windowMs / 1000, keyPrefix })
  // One sqlite connection: calls that overlap would nest the library's savepoints into one long
  // transaction holding the file's write lock, so they run one at a time (each takes µs).
  const run = store.type === 'sqlite' ? serially() : <T>(work: () => Promise<T>) => work()

  async function inMemory(key: string): Promise<number | null> {
    try {
      await (memory as RateLimiterMemory).consume(key)
      return null
    } catch (refused) {
      if (refused instanceof RateLimiterRes) return refused.msBeforeNext
      throw refused
    }
  }

  return {
    async take(key) {
      try {
        await withTimeout(
          run(() => primary.consume(key)),
          timeoutMs,
        )
        return null
      } catch (refused) {
        if (refused instanceof RateLimiterRes) return refused.msBeforeNext
        if (memory === null) throw refused
        onStoreError(refused)
        return inMemory(key)
      }
    },
  }
}

/** Run async work one piece at a time, in call order. */
function serially(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve()
  return (work) => {
    const result = tail.then(work, work)
    tail = result.catch(() => {})
    return result
  }
}
