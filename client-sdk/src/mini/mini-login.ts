import { LoginError } from '../errors/login-error'
import type { MiniCallbacks } from './mini-api'

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
