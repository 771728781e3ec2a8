import { SessionRecordCorruptError, SessionStoreUnavailableError } from './errors'
import type { SessionEvent } from './events'
import { withoutIds } from './token'

/**
 * Runs store operations with a deadline. A failure or a timeout becomes
 * `SessionStoreUnavailableError` (the store's own error kept as `cause`, and reported as a
 * `storeError` event); a corrupt record passes through for the caller to handle.
 */
export type StoreGuard = <T>(operation: string, work: Promise<T>) => Promise<T>

/** See `StoreGuard`; one per middleware. */
export function createStoreGuard(
  timeoutMs: number,
  store: string,
  emit: (event: SessionEvent) => void,
  now: () => number,
): StoreGuard {
  function fail(operation: string, error: unknown): Error {
    if (error instanceof SessionRecordCorruptError) return error
    const reason = withoutIds(String(error))
    emit({ type: 'storeError', operation, error, reason, store, at: now() })
    return new SessionStoreUnavailableError(operation, { cause: error })
  }

  // Every operation has the same time limit, so deadlines come in the order operations start:
  // one queue and one timer (for the oldest pending operation) serve them all, instead of a
  // timer set and cleared per operation. This runs on every request.
  const pending: Pending[] = []
  let head = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  function arm(): void {
    while (head < pending.length && pending[head]!.settled) head++
    if (head === pending.length) {
      pending.length = 0
      head = 0
      // Nothing pending: the timer is left to lapse (it finds nothing and is not set again)
      // instead of cleared here and set again by the next operation, which with a fast store
      // would be a timer per operation. Until then it must not hold the process open.
      timer?.unref()
      return
    }
    if (head > 1024 && head * 2 > pending.length) {
      pending.splice(0, head)
      head = 0
    }
    if (!timer) timer = setTimeout(expire, Math.max(0, pending[head]!.deadline - clock()))
  }

  function expire(): void {
    timer = null
    const now = clock()
    while (head < pending.length && pending[head]!.deadline <= now) {
      const entry = pending[head++]!
      if (!entry.settled) entry.timeOut()
    }
    arm()
  }

  return function guard<T>(operation: string, work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = {
        deadline: clock() + timeoutMs,
        settled: false,
        timeOut() {
          entry.settled = true
          // The late result (or failure) of a timed-out operation is of no use to anyone.
          work.catch(() => {})
          reject(fail(operation, new Error(`${operation} took longer than ${timeoutMs} ms`)))
        },
      }
      pending.push(entry)
      if (timer) timer.ref()
      else arm()
      work.then(
        (value) => {
          if (entry.settled) return
          entry.settled = true
          if (pending[head] === entry) arm()
          resolve(value)
        },
        (error: unknown) => {
          if (entry.settled) return
          entry.settled = true
          if (pending[head] === entry) arm()
          reject(fail(operation, error))
        },
      )
    })
  }
}

interface Pending {
  deadline: number
  settled: boolean
  timeOut(): void
}

/** A monotonic clock in milliseconds: deadlines must not move with the wall clock. */
const clock = (): number => performance.now()
