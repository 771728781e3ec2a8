import { HeaderSessionError } from './header-session-error'

/**
 * The server answered with a status outside 2xx (and the call did not set
 * `throwHttpErrors: false`).
 */
export class HttpError extends HeaderSessionError {
  override readonly name = 'HttpError'
  override readonly code = 'HTTP_ERROR'

  constructor(
    /** HTTP status code. */
    readonly status: number,
    /** Decoded response body (JSON when it parses, otherwise as received). */
    readonly data: unknown,
    /** Method and URL of the failed request. */
    readonly request: { readonly method: string; readonly url: string },
  ) {
    super(`HTTP ${status}: ${request.method} ${request.url}`)
  }
}
