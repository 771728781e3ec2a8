import { AppError } from './app-error'

/**
 * The route needs a logged-in session: 401 (PROTOCOL rule 7). `SESSION_EXPIRED` when the
 * request's token was dropped (expired, revoked, malformed), `SESSION_REQUIRED` otherwise.
 */
export class LoginRequiredError extends AppError {
  override readonly name = 'LoginRequiredError'
  override readonly code: 'SESSION_EXPIRED' | 'SESSION_REQUIRED'
  override readonly status = 401
  override readonly expose = true

  constructor(code: 'SESSION_EXPIRED' | 'SESSION_REQUIRED') {
    super(
      code === 'SESSION_EXPIRED'
        ? 'The session has expired or was revoked; log in again'
        : 'This route needs a logged-in session',
    )
    this.code = code
  }
}
