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
  return async function guard<T>(operation: string, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${operation} took longer than ${timeoutMs} ms`)),
        timeoutMs,
      )
    })
    try {
      return await Promise.race([work, deadline])
    } catch (error) {
      if (error instanceof SessionRecordCorruptError) throw error
      // The late result (or failure) of a timed-out operation is of no use to anyone.
      work.catch(() => {})
      emit({ type: 'storeError', operation, error, reason: String(error), store, at: now() })
      throw new SessionStoreUnavailableError(operation, { cause: error })
    } finally {
      clearTimeout(timer)
    }
  }
}
