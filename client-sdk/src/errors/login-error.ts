import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/**
 * The login failed: the platform refused a code (`wx.login` fail), the login endpoint answered
 * an error, or it answered without a session token.
 */
export class LoginError extends HeaderSessionError {
  override readonly name = 'LoginError'
  override readonly code = 'LOGIN_FAILED'

  constructor(
    message: string,
    options?: HeaderSessionErrorOptions & {
      /** HTTP status of the login endpoint's answer, when there was one. */
      readonly status?: number
    },
  ) {
    super(message, options)
    this.status = options && options.status
  }

  /** HTTP status of the login endpoint's answer, when there was one. */
  readonly status: number | undefined
}
