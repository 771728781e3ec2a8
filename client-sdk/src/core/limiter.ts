import { AbortError } from '../errors/abort-error'
import { QueueFullError } from '../errors/queue-full-error'
import type { AbortSignalLike } from './types'

/** Caps how many exchanges run at once; the rest wait in a bounded queue. */
export interface Limiter {
  /**
   * Runs `task` once a slot is free. `urgent` tasks (login) jump the queue. Rejects with
   * `QueueFullError` past `maxQueue` waiters, and with `AbortError` if `signal` aborts first.
   */
  run<T>(task: () => Promise<T>, urgent: boolean, signal?: AbortSignalLike): Promise<T>
}

/** Creates a limiter for `max` concurrent tasks (`Infinity`: no cap). */
export function createLimiter(max: number, maxQueue: number): Limiter {
  let active = 0
  const queue: Array<() => void> = []

  const release = (): void => {
    const next = queue.shift()
    if (next) next()
    else active--
  }
  const acquire = (urgent: boolean, signal?: AbortSignalLike): Promise<void> => {
    if (active < max) {
      active++
      return Promise.resolve()
    }
    if (queue.length >= maxQueue) return Promise.reject(new QueueFullError(maxQueue))
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        queue.splice(queue.indexOf(start), 1)
        reject(new AbortError())
      }
      // A released slot passes straight to `start`, so `active` stays the same.
      const start = (): void => {
        if (signal) signal.removeEventListener('abort', onAbort)
        resolve()
      }
      if (urgent) queue.unshift(start)
      else queue.push(start)
      if (signal) signal.addEventListener('abort', onAbort)
    })
  }

  return {
    run(task, urgent, signal) {
      if (signal && signal.aborted) return Promise.reject(new AbortError())
      return acquire(urgent, signal).then(() => {
        const done = task()
        done.then(release, release)
        return done
      })
    },
  }
}
