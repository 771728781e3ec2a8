import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/**
 * The login failed: the platform refused a code (`wx.login` fail), the login endpoint answered
 * an error, or it answered without a session token.
 */
export class LoginError extends HeaderSessionError {
  declare readonly name: 'LoginError'
  declare readonly code: 'LOGIN_FAILED'

  constructor(
    message: string,
    options?: HeaderSessionErrorOptions & {
      /** HTTP status of the login endpoint's answer, when there was one. */
      readonly status?: number
    },
  ) {
    // `status` is copied from `options`.
    super(message, Object.assign({ name: 'LoginError', code: 'LOGIN_FAILED' }, options))
  }

  /** HTTP status of the login endpoint's answer, when there was one. */
  declare readonly status: number | undefined
}
