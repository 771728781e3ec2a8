import type { WxWeRunDataOptions, WxWeRunDataResult } from '../types/wechat-types'
import type { OpenApiContext } from './open-api-context'
import { weRunDataFrom, type WeRunSource } from './we-run-source'

/**
 * The words when the runtime has no WeRun source: the user refused `scope.werun`
 * (`getWeRunData:fail auth deny`, the errMsg mini-program code tests for before sending the
 * user to the settings page).
 */
export const WE_RUN_DENIED = 'getWeRunData:fail auth deny'

const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

/**
 * `wx.getWeRunData` (https://developers.weixin.qq.com/miniprogram/dev/api/open-api/werun/wx.getWeRunData.html,
 * GetWeRunDataSuccessCallbackResult at TYPINGS:6747): `success` with `{ encryptedData, iv,
 * cloudID?, errMsg: 'getWeRunData:ok' }` from the runtime's `weRun` source, on a later task;
 * without one, `fail` with `getWeRunData:fail auth deny` (a user who did not grant
 * `scope.werun`); a source that fails, `getWeRunData:fail <reason>`. No Promise style
 * ("with Promise style call: Not supported", the English page): it always returns
 * `undefined`. The page says "需要先调用 wx.login": data from a stand-in source is encrypted
 * with the user's current session_key, so a backend that missed the latest login cannot read it.
 */
export function createGetWeRunData(context: OpenApiContext, source: WeRunSource | undefined) {
  return function getWeRunData(o: WxWeRunDataOptions = {}): void {
    const data = source ? weRunDataFrom(source) : Promise.reject(new Error('auth deny'))
    context.track(data)
    data.then(
      (got) => {
        const result: WxWeRunDataResult = { ...got, errMsg: 'getWeRunData:ok' }
        context.deliver(() => {
          o.success?.(result)
          o.complete?.(result)
        })
      },
      (error: unknown) => {
        const failure = {
          errMsg: source ? `getWeRunData:fail ${reasonOf(error)}` : WE_RUN_DENIED,
        }
        context.deliver(() => {
          o.fail?.(failure)
          o.complete?.(failure)
        })
      },
    )
  }
}
