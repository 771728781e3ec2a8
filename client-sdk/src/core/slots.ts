import { AbortError } from '../errors/abort-error'
import { QueueFullError } from '../errors/queue-full-error'
import { TimeoutError } from '../errors/timeout-error'
import { createAbortController } from './abort'
import { after } from './timers'
import { toTransportError } from './transport-error'
import { noop } from './util'
import type { AbortSignalLike } from './types'

/**
 * Runs `send` once a slot is free (`urgent`: first in line), under the caller's `signal` and a
 * `timeoutMs` limit from the moment it starts. Settles at the first of the answer, the abort or
 * the timeout, then aborts the platform task through the signal `send` got, and frees the slot.
 * Rejects with `QueueFullError` past `maxQueue` waiters; non-SDK failures become `NetworkError`.
 */
export type Slots = <T>(
  send: (signal: AbortSignalLike) => Promise<T>,
  urgent: boolean,
  timeoutMs: number,
  signal?: AbortSignalLike,
) => Promise<T>

/** Creates the slots of one client: `max` at once (`Infinity`: no cap). */
export function createSlots(max: number, maxQueue: number): Slots {
  let active = 0
  const queue: Array<() => void> = []
  // A finished attempt hands its slot straight to the next waiter, so `active` stays the same.
  const next = (): void => {
    const start = queue.shift()
    if (start) start()
    else active--
  }
  return <T>(
    send: (signal: AbortSignalLike) => Promise<T>,
    urgent: boolean,
    timeoutMs: number,
    outer?: AbortSignalLike,
  ): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const inner = createAbortController()
      let running = false
      let done = false
      let cancel = noop
      // The first of answer, failure, abort and timeout ends the attempt; the others are ignored.
      const end = (): boolean => {
        if (done) return false
        done = true
        cancel()
        if (outer) outer.removeEventListener('abort', onAbort)
        // The slot is handed on after the current job, so that aborts made together all count.
        if (running) void Promise.resolve().then(next)
        return true
      }
      const fail = (error: unknown): void => {
        if (end()) {
          reject(toTransportError(error || 'Request failed', timeoutMs))
          inner.abort()
        }
      }
      const onAbort = (): void => fail(new AbortError())
      const start = (): void => {
        running = true
        // Ended while waiting (aborted): pass the slot on.
        if (done) return next()
        cancel = after(timeoutMs, () => fail(new TimeoutError(timeoutMs)))
        new Promise<T>((r) => r(send(inner.signal))).then((value) => end() && resolve(value), fail)
      }
      if (outer) outer.addEventListener('abort', onAbort)
      if (outer && outer.aborted) onAbort()
      else if (active < max) {
        active++
        start()
      } else if (queue.length >= maxQueue) fail(new QueueFullError(maxQueue))
      else if (urgent) queue.unshift(start)
      else queue.push(start)
    })
}
