import { LoginError } from '../errors/login-error'
import type { MiniCallbacks } from './mini-api'

/**
 * Calls a callback-style login API (`wx.login`, ...) and resolves with the code `pick` takes
 * from its result; rejects with `LoginError` carrying the platform's `errMsg`.
 */
export function getMiniCode<R>(
  call: (callbacks: MiniCallbacks<R>) => unknown,
  pick: (result: R) => string | undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    call({
      success: (result) => resolve((result && pick(result)) || ''),
      fail: (failure) =>
        reject(
          new LoginError(String((failure && failure.errMsg) || 'Login failed'), { cause: failure }),
        ),
    })
  })
}
