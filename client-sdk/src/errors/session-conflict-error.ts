import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/**
 * The call's session changes did not reach the session the client holds now (PROTOCOL client
 * rule 6): a login, logout or revoke replaced or destroyed the session while the call ran. The
 * server answered 409 `SESSION_CONFLICT`, or made the call a new session that the client could
 * not adopt (status `created` under an older generation). Thrown whatever `throwHttpErrors`
 * says, because the answer must never pass for a success; the client has already replayed the
 * call once where that was safe (an idempotent method, and a newer token to send it with).
 *
 * What the server did outside the session (a database row, say) may have happened: send the
 * call again only if repeating it is harmless.
 */
export class SessionConflictError extends HeaderSessionError {
  declare readonly name: 'SessionConflictError'
  declare readonly code: 'SESSION_CONFLICT'

  /** HTTP status of the answer: 409, or the 2xx of a write into a session not adopted. */
  declare readonly status: number
  /** Decoded response body. */
  declare readonly data: unknown
  /** Method and URL of the call. */
  declare readonly request: { readonly method: string; readonly url: string }

  constructor(
    status: number,
    data: unknown,
    request: { readonly method: string; readonly url: string },
  ) {
    super(`Session changes not kept: ${request.method} ${request.url}`, {
      name: 'SessionConflictError',
      code: 'SESSION_CONFLICT',
      status,
      data,
      request,
    } as HeaderSessionErrorOptions)
  }
}
