import { HeaderSessionError } from './header-session-error'

/**
 * What became of a request's writes when its store failed:
 * - `not-applied`: the store failed before the request wrote anything (its load, a listing):
 *   nothing was written, so sending the request again is safe;
 * - `unknown`: a write was sent and did not answer in time or failed on the way. It may have been
 *   applied, or may still be applied when the store wakes up (a deadline abandons the call, it
 *   cannot cancel it). Send the request again only if repeating it is harmless (idempotent).
 */
export type StoreFailureOutcome = 'not-applied' | 'unknown'

/** Store operations that write nothing: a failure of one of them leaves nothing behind. */
const READS: ReadonlySet<string> = new Set(['get', 'listByUser', 'ping'])

/**
 * The session store failed or did not answer within `storeTimeoutMs`. Answered as 503 with
 * `Retry-After` and `outcome`; the message sent to clients never holds the store's own error
 * (see `cause`).
 */
export class SessionStoreUnavailableError extends HeaderSessionError {
  override readonly name = 'SessionStoreUnavailableError'
  override readonly code = 'SESSION_STORE_UNAVAILABLE'
  override readonly status = 503
  override readonly expose = true
  /** Whether the request's writes may have been applied (see `StoreFailureOutcome`). */
  readonly outcome: StoreFailureOutcome

  /**
   * @param operation the store method that failed (`get`, `create`, `commit`, `destroy`,
   *   `listByUser`...); a read gives `outcome: 'not-applied'`, anything else `'unknown'`.
   */
  constructor(
    readonly operation: string,
    options?: { cause?: unknown; outcome?: StoreFailureOutcome },
  ) {
    super('The session store is unavailable; try again shortly', options)
    this.outcome = options?.outcome ?? (READS.has(operation) ? 'not-applied' : 'unknown')
  }

  override get details(): Readonly<Record<string, string>> {
    return { outcome: this.outcome }
  }
}
