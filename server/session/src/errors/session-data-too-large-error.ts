import { HeaderSessionError } from './header-session-error'

/** A write would make the session data larger than `maxDataBytes`. Nothing was stored. */
export class SessionDataTooLargeError extends HeaderSessionError {
  override readonly name = 'SessionDataTooLargeError'
  override readonly code = 'SESSION_DATA_TOO_LARGE'
  override readonly status = 413
  override readonly expose = true

  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`Session data would be ${bytes} bytes, over the limit of ${maxBytes}`)
  }
}
