import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/** No answer within `timeoutMs` (or the platform reported its own timeout). */
export class TimeoutError extends HeaderSessionError {
  declare readonly name: 'TimeoutError'
  declare readonly code: 'TIMEOUT'

  /** The limit that was exceeded. */
  declare readonly timeoutMs: number

  constructor(timeoutMs: number, options?: HeaderSessionErrorOptions) {
    super(
      `Timed out after ${timeoutMs} ms`,
      Object.assign(
        {
          name: 'TimeoutError',
          code: 'TIMEOUT',
          timeoutMs,
        },
        options,
      ),
    )
  }
}
