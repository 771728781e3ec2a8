import { QueueFullError } from '../errors/queue-full-error'

/** Single-flight login: one login at a time, shared by every caller. */
export interface LoginFlight {
  /** Whether a login is running. */
  readonly active: boolean
  /** Joins the running login, or starts one. Rejects with the login's error. */
  join(): Promise<void>
  /**
   * Resolves once no login runs (at once if none does), whatever its outcome. Rejects with
   * `QueueFullError` past `maxQueue` waiters.
   */
  settled(): Promise<void>
}

/** Creates the single-flight wrapper around `login`. */
export function createLoginFlight(login: () => Promise<void>, maxQueue: number): LoginFlight {
  let current: Promise<void> | undefined
  let waiting = 0
  return {
    get active() {
      return current !== undefined
    },
    join() {
      if (!current) {
        const run = login()
        const clear = (): void => {
          if (current === run) current = undefined
        }
        current = run
        run.then(clear, clear)
      }
      return current
    },
    settled() {
      if (!current) return Promise.resolve()
      if (waiting >= maxQueue) return Promise.reject(new QueueFullError(maxQueue))
      waiting++
      const done = (): void => {
        waiting--
      }
      return current.then(done, done)
    },
  }
}
