import { LoginError } from '../errors/login-error'
import type { MiniCallbacks, MiniLoginApi } from './mini-api'

/**
 * The platform's `checkSession` as the client's option (resolves whether the platform login is
 * still good), or `undefined` when the platform object has none.
 */
export function miniCheckSession(
  api: MiniLoginApi | undefined,
): (() => Promise<boolean>) | undefined {
  if (!api || !api.checkSession) return undefined
  const checkSession = api.checkSession.bind(api)
  return () =>
    new Promise((resolve) =>
      checkSession({ success: () => resolve(true), fail: () => resolve(false) }),
    )
}

/**
 * Calls a callback-style login API (`wx.login`, ...) and resolves with the code `pick` takes
 * from its result; rejects with `LoginError` carrying the platform's `errMsg`, or
 * `No login code` when the result has none.
 */
export function getMiniCode<R>(
  call: (callbacks: MiniCallbacks<R>) => unknown,
  pick: (result: R) => string | undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    call({
      success: (result) => {
        const code = result && pick(result)
        if (code) resolve(code)
        else reject(new LoginError('No login code'))
      },
      fail: (failure) =>
        reject(
          new LoginError(String((failure && failure.errMsg) || 'Login failed'), { cause: failure }),
        ),
    })
  })
}
