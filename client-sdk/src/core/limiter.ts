import { AbortError } from '../errors/abort-error'
import { QueueFullError } from '../errors/queue-full-error'
import type { AbortSignalLike } from './types'

/**
 * Runs `task` once a slot is free. `urgent` tasks (login) jump the queue. Rejects with
 * `QueueFullError` past `maxQueue` waiters, and with `AbortError` if `signal` aborts first.
 */
export type Limiter = <T>(
  task: () => Promise<T>,
  urgent: boolean,
  signal?: AbortSignalLike,
) => Promise<T>

/** Creates a limiter for `max` concurrent tasks (`Infinity`: no cap). */
export function createLimiter(max: number, maxQueue: number): Limiter {
  let active = 0
  const queue: Array<() => void> = []
  // A finished task hands its slot straight to the next waiter, so `active` stays the same.
  const next = (): void => {
    const start = queue.shift()
    if (start) start()
    else active--
  }
  return (task, urgent, signal) =>
    new Promise<void>((resolve, reject) => {
      if (active < max) return resolve(void active++)
      if (queue.length >= maxQueue) return reject(new QueueFullError(maxQueue))
      // An aborted waiter rejects at once and, once its turn comes, passes the slot on.
      const start = () => (signal && signal.aborted ? next() : resolve())
      if (urgent) queue.unshift(start)
      else queue.push(start)
      if (signal) signal.addEventListener('abort', () => reject(new AbortError()))
    }).then(() => {
      const done = task()
      done.then(next, next)
      return done
    })
}
