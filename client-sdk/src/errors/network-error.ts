import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/** Options of {@link NetworkError}. */
export interface NetworkErrorOptions extends HeaderSessionErrorOptions {
  /** The platform's error number, when its failure carried one (WeChat `errno`, base library 2.24.0). */
  readonly errno?: number
}

/**
 * The request never got an HTTP answer: DNS, TLS, connection reset, WeChat
 * `request:fail ...` (for example `request:fail interrupted` after 5 s in the background, or
 * `url not in domain list`, errno 600002, whose message says where to add the domain).
 */
export class NetworkError extends HeaderSessionError {
  declare readonly name: 'NetworkError'
  declare readonly code: 'NETWORK_ERROR'

  /** The platform's error number, if its failure had one: switch on it rather than on `message`. */
  declare readonly errno?: number

  constructor(message: string, options?: NetworkErrorOptions) {
    super(message, Object.assign({ name: 'NetworkError', code: 'NETWORK_ERROR' }, options))
  }
}
