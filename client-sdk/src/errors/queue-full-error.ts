import { HeaderSessionError } from './header-session-error'

/**
 * Too many calls are waiting (for a login to finish, or for a free connection under
 * `maxConcurrent`): more than `maxQueue`.
 */
export class QueueFullError extends HeaderSessionError {
  override readonly name = 'QueueFullError'
  override readonly code = 'QUEUE_FULL'

  constructor(
    /** The `maxQueue` that was reached. */
    readonly limit: number,
  ) {
    super(`Queue full (maxQueue ${limit})`)
  }
}
