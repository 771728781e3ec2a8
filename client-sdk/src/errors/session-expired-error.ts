import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/**
 * Why the server refused the session: the protocol's codes (rule 7), or `SESSION_REJECTED` when
 * the client's `isSessionRejected` refused an answer that carries neither.
 */
export type SessionRejection = 'SESSION_EXPIRED' | 'SESSION_REQUIRED' | 'SESSION_REJECTED'

/**
 * The server refused the session (by default a 401 `SESSION_EXPIRED` / `SESSION_REQUIRED`; see
 * the client's `isSessionRejected`) and the client could not fix it: the call may not log in, no
 * `login` is configured, or the replay after a fresh login was refused too (the SDK never loops).
 */
export class SessionExpiredError extends HeaderSessionError {
  declare readonly name: 'SessionExpiredError'
  declare readonly code: 'SESSION_EXPIRED'

  /** The server's reason. */
  declare readonly reason: SessionRejection

  constructor(reason: SessionRejection) {
    super(`Session refused: ${reason}`, {
      name: 'SessionExpiredError',
      code: 'SESSION_EXPIRED',
      reason,
    } as HeaderSessionErrorOptions)
  }
}
