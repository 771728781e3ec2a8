import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/**
 * The request never got an HTTP answer: DNS, TLS, connection reset, WeChat
 * `request:fail ...` (for example `request:fail interrupted` after 5 s in the background).
 */
export class NetworkError extends HeaderSessionError {
  declare readonly name: 'NetworkError'
  declare readonly code: 'NETWORK_ERROR'

  constructor(message: string, options?: HeaderSessionErrorOptions) {
    super(message, Object.assign({ name: 'NetworkError', code: 'NETWORK_ERROR' }, options))
  }
}
