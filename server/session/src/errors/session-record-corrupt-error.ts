import { HeaderSessionError } from './header-session-error'

/** A stored record could not be decoded. The middleware turns it into a fresh session. */
export class SessionRecordCorruptError extends HeaderSessionError {
  override readonly name = 'SessionRecordCorruptError'
  override readonly code = 'SESSION_RECORD_CORRUPT'

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`Stored session record is corrupt: ${reason}`, options)
  }
}
