import { LoginError } from '../errors/login-error'
import type { MiniCallbacks } from './mini-api'

/**
 * Calls a callback-style login API (`wx.login`, `my.getAuthCode`, ...) and resolves with the
 * code `pick` takes from its result.
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
        else reject(new LoginError('The platform login returned no code'))
      },
      fail: (failure) => {
        const f = failure || {}
        reject(
          new LoginError(String(f.errMsg || f.errorMessage || 'Platform login failed'), {
            cause: failure,
          }),
        )
      },
    })
  })
}
