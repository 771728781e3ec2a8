import { HeaderSessionError } from './header-session-error'

/**
 * The session a request loaded was destroyed or replaced before its changes were committed: a
 * logout, a revoke, or a login's `regenerate()` on the same token while the request ran. None of
 * the request's session changes were stored (a commit never resurrects a session). Answered as
 * 409 `SESSION_CONFLICT`, without a token header: the client keeps the token it holds now (a
 * login racing the request has sent it a new one). What the handler did outside the session
 * (a database row, say) is not undone.
 */
export class SessionConflictError extends HeaderSessionError {
  override readonly name = 'SessionConflictError'
  override readonly code = 'SESSION_CONFLICT'
  override readonly status = 409
  override readonly expose = true

  constructor() {
    super(
      'The session changed while this request ran (a login, logout or revoke); its session changes were not stored',
    )
  }
}
