import { SessionRecordCorruptError, SessionStoreUnavailableError } from './errors'
import type { SessionEvent } from './events'

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
    emit({ type: 'storeError', operation, error, reason: String(error), store, at: now() })
    return new SessionStoreUnavailableError(operation, { cause: error })
  }

  // One timer and one promise per operation (no Promise.race): this runs on every request.
  return function guard<T>(operation: string, work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false
      const timer = setTimeout(() => {
        settled = true
        // The late result (or failure) of a timed-out operation is of no use to anyone.
        work.catch(() => {})
        reject(fail(operation, new Error(`${operation} took longer than ${timeoutMs} ms`)))
      }, timeoutMs)
      work.then(
        (value) => {
          if (settled) return
          clearTimeout(timer)
          resolve(value)
        },
        (error: unknown) => {
          if (settled) return
          clearTimeout(timer)
          reject(fail(operation, error))
        },
      )
    })
  }
}
