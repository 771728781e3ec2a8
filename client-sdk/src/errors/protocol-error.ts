import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/**
 * A response broke the header-session protocol, typically a session header holding several
 * values (a proxy duplicated it). The token is left unchanged. The message never contains the
 * header's value.
 */
export class ProtocolError extends HeaderSessionError {
  declare readonly name: 'ProtocolError'
  declare readonly code: 'PROTOCOL_ERROR'

  constructor(message: string) {
    super(message, { name: 'ProtocolError', code: 'PROTOCOL_ERROR' } as HeaderSessionErrorOptions)
  }
}
