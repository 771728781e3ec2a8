import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/** No answer within `timeoutMs` (or the platform reported its own timeout). */
export class TimeoutError extends HeaderSessionError {
  declare readonly name: 'TimeoutError'
  declare readonly code: 'TIMEOUT'

  /** The limit that was exceeded. */
  declare readonly timeoutMs: number

  /**
   * @param platformSaid - the platform's own words when its timeout, not the SDK's, ended the
   *   attempt (`request:fail timeout`): it may have given up sooner (`app.json`'s
   *   `networkTimeout`), so the message says so instead of claiming `timeoutMs` passed.
   */
  constructor(timeoutMs: number, options?: HeaderSessionErrorOptions, platformSaid?: string) {
    super(
      platformSaid === undefined
        ? `Timed out after ${timeoutMs} ms`
        : `The platform timed out (${platformSaid}) within the SDK's ${timeoutMs} ms limit`,
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
