import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/**
 * The server answered with a status outside 2xx (and the call did not set
 * `throwHttpErrors: false`).
 */
export class HttpError extends HeaderSessionError {
  declare readonly name: 'HttpError'
  declare readonly code: 'HTTP_ERROR'

  /** HTTP status code. */
  declare readonly status: number
  /** Decoded response body (JSON when it parses, otherwise as received). */
  declare readonly data: unknown
  /** Method and URL of the failed request. */
  declare readonly request: { readonly method: string; readonly url: string }

  constructor(
    status: number,
    data: unknown,
    request: { readonly method: string; readonly url: string },
  ) {
    super(`HTTP ${status}: ${request.method} ${request.url}`, {
      name: 'HttpError',
      code: 'HTTP_ERROR',
      status,
      data,
      request,
    } as HeaderSessionErrorOptions)
  }
}
