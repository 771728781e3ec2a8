import { LoginError } from '../errors/login-error'
import { errorOf } from './body'
import { mergeHeaders } from './headers'
import type { LoginFunction } from './client-types'
import { or } from './util'

/** Options of {@link createCodeLogin}. */
export interface CodeLoginOptions {
  /** Gets a fresh one-time code from the platform (`wx.login`, `tt.login`, ...). */
  getCode: () => Promise<string>
  /** Login endpoint, relative to `baseURL`. Default `/api/auth/login`. */
  path?: string
  /**
   * Headers added to the login request, over `{ 'Cache-Control': 'no-store' }` (the answer mints
   * a session: no cache may keep it). A name given here in any casing replaces the default one.
   */
  headers?: Record<string, string>
  /**
   * Error codes meaning "this code was refused" (matched against the answer's `error.code` and
   * `error.wechatErrcode`): the login gets a fresh code and tries once more. Default
   * `['40163', '40029']`, WeChat's "code been used" and "invalid code". Others (a rate limit,
   * a blocked user) are not retried.
   */
  retryCodes?: readonly string[]
}

/** Defaults of {@link CodeLoginOptions}. */
export const DEFAULT_CODE_LOGIN_OPTIONS = Object.freeze({
  path: '/api/auth/login',
  headers: Object.freeze({ 'Cache-Control': 'no-store' }),
  retryCodes: Object.freeze(['40163', '40029']),
})

/**
 * A login that POSTs `{ code }` (in the body, never the URL) to the login endpoint, which answers
 * with the session header. Each attempt uses a fresh code: a code is never sent twice.
 *
 * @throws LoginError when no code can be had, or the endpoint refuses.
 * @example
 * ```ts
 * createClient({ ..., login: createCodeLogin({ getCode: () => myPlatformLogin() }) })
 * ```
 */
export function createCodeLogin(options: CodeLoginOptions): LoginFunction {
  const defaults = DEFAULT_CODE_LOGIN_OPTIONS
  const retryCodes = or(options.retryCodes, defaults.retryCodes)
  return async (context) => {
    for (let attempt = 1; ; attempt++) {
      const code = await options.getCode()
      if (!code) throw new LoginError('No login code')
      const response = await context.request(or(options.path, defaults.path), {
        method: 'POST',
        json: { code },
        headers: mergeHeaders(defaults.headers, options.headers),
        throwHttpErrors: false,
      })
      if (response.ok) return
      // Only a refused code is worth a second try, with a new code.
      const error = errorOf(response.data)
      const codes = [error.code, error.wechatErrcode]
      if (attempt > 1 || !codes.some((errorCode) => retryCodes.indexOf(String(errorCode)) >= 0)) {
        throw new LoginError('Login answered ' + response.status, { status: response.status })
      }
    }
  }
}
