import { HeaderSessionError } from './header-session-error'

/** Server codes (protocol rule 7) that mean "log in first". */
export type SessionRejection = 'SESSION_EXPIRED' | 'SESSION_REQUIRED'

/**
 * The server refused the session (401 `SESSION_EXPIRED` / `SESSION_REQUIRED`) and the client
 * could not fix it: the call may not log in, no `login` is configured, or the replay after a
 * fresh login was refused too (the SDK never loops).
 */
export class SessionExpiredError extends HeaderSessionError {
  override readonly name = 'SessionExpiredError'
  override readonly code = 'SESSION_EXPIRED'

  constructor(
    /** The server's reason. */
    readonly reason: SessionRejection,
  ) {
    super(`Session refused: ${reason}`)
  }
}
