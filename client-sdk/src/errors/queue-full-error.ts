import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/**
 * Too many calls are waiting (for a login to finish, or for a free connection under
 * `maxConcurrent`): more than `maxQueue`.
 */
export class QueueFullError extends HeaderSessionError {
  declare readonly name: 'QueueFullError'
  declare readonly code: 'QUEUE_FULL'

  /** The `maxQueue` that was reached. */
  declare readonly limit: number

  constructor(limit: number) {
    super(`Queue full (maxQueue ${limit})`, {
      name: 'QueueFullError',
      code: 'QUEUE_FULL',
      limit,
    } as HeaderSessionErrorOptions)
  }
}
