import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/** The caller aborted the request through its `signal`. */
export class AbortError extends HeaderSessionError {
  declare readonly name: 'AbortError'
  declare readonly code: 'ABORTED'

  constructor() {
    super('Aborted', { name: 'AbortError', code: 'ABORTED' } as HeaderSessionErrorOptions)
  }
}
