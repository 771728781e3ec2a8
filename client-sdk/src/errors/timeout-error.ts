import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/** No answer within `timeoutMs` (or the platform reported its own timeout). */
export class TimeoutError extends HeaderSessionError {
  override readonly name = 'TimeoutError'
  override readonly code = 'TIMEOUT'

  constructor(
    /** The limit that was exceeded. */
    readonly timeoutMs: number,
    options?: HeaderSessionErrorOptions,
  ) {
    super(`Timed out after ${timeoutMs} ms`, options)
  }
}
