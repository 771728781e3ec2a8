import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/**
 * Platform storage failed (quota exceeded, storage disabled, unreadable file). The token is
 * kept in memory, so the session still works until the app restarts.
 */
export class StorageError extends HeaderSessionError {
  declare readonly name: 'StorageError'
  declare readonly code: 'STORAGE_ERROR'

  /** What the SDK was doing. */
  declare readonly operation: 'read' | 'write' | 'remove'

  constructor(operation: 'read' | 'write' | 'remove', cause: unknown) {
    super(`Storage ${operation} failed`, {
      cause,
      name: 'StorageError',
      code: 'STORAGE_ERROR',
      operation,
    } as HeaderSessionErrorOptions)
  }
}
