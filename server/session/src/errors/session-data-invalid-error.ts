import { HeaderSessionError } from './header-session-error'

/** A value written to the session is not plain JSON, or a key is not allowed. */
export class SessionDataInvalidError extends HeaderSessionError {
  override readonly name = 'SessionDataInvalidError'
  override readonly code = 'SESSION_DATA_INVALID'

  constructor(
    readonly path: readonly string[],
    reason: string,
  ) {
    super(`Cannot store session data at ${JSON.stringify(path)}: ${reason}`)
  }
}
