import { HeaderSessionError } from './header-session-error'

/**
 * The session store failed or did not answer within `storeTimeoutMs`. Answered as 503 with
 * `Retry-After`; the message sent to clients never holds the store's own error (see `cause`).
 */
export class SessionStoreUnavailableError extends HeaderSessionError {
  override readonly name = 'SessionStoreUnavailableError'
  override readonly code = 'SESSION_STORE_UNAVAILABLE'
  override readonly status = 503
  override readonly expose = true

  constructor(
    readonly operation: string,
    options?: { cause?: unknown },
  ) {
    super('The session store is unavailable; try again shortly', options)
  }
}
