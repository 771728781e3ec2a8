import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/** Server codes (protocol rule 7) that mean "log in first". */
export type SessionRejection = 'SESSION_EXPIRED' | 'SESSION_REQUIRED'

/**
 * The server refused the session (401 `SESSION_EXPIRED` / `SESSION_REQUIRED`) and the client
 * could not fix it: the call may not log in, no `login` is configured, or the replay after a
 * fresh login was refused too (the SDK never loops).
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
