import { HeaderSessionError } from './header-session-error'

/**
 * Platform storage failed (quota exceeded, storage disabled, unreadable file). The token is
 * kept in memory, so the session still works until the app restarts.
 */
export class StorageError extends HeaderSessionError {
  override readonly name = 'StorageError'
  override readonly code = 'STORAGE_ERROR'

  constructor(
    /** What the SDK was doing. */
    readonly operation: 'read' | 'write' | 'remove',
    cause: unknown,
  ) {
    super(`Storage ${operation} failed`, { cause })
  }
}
