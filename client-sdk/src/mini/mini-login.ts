import { LoginError } from '../errors/login-error'
import type { MiniCallbacks } from './mini-api'

/**
 * Calls a callback-style login API (`wx.login`, `my.getAuthCode`, ...) and resolves with the
 * code `pick` takes from its result; rejects with `LoginError` carrying the platform's message.
 */
export function getMiniCode<R>(
  call: (callbacks: MiniCallbacks<R>) => unknown,
  pick: (result: R) => string | undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    call({
      success: (result) => resolve((result && pick(result)) || ''),
      fail: (failure) => {
        const f = failure || {}
        reject(
          new LoginError(String(f.errMsg || f.errorMessage || 'Login failed'), { cause: failure }),
        )
      },
    })
  })
}
