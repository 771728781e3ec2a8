import { HeaderSessionError } from './header-session-error'

/** The caller aborted the request through its `signal`. */
export class AbortError extends HeaderSessionError {
  override readonly name = 'AbortError'
  override readonly code = 'ABORTED'

  constructor() {
    super('Aborted')
  }
}
