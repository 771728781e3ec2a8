import type { WxCallbackResult, WxCheckSessionOptions } from '../types/wechat-types'
import type { LoginSession, OpenApiContext } from './open-api-context'

// TYPINGS:<line> below: miniprogram-api-typings 5.2.3, types/wx/lib.wx.api.d.ts, at that line.

/**
 * The failure's words. WeChat documents none; mini-program code quotes
 * `checkSession:fail 系统错误，错误码：-13001,session time out…d relogin` in its comments, and
 * `checkSession:fail session time out, need relogin` in full. Code should test for
 * `checkSession:fail`, not the rest.
 */
export const CHECK_SESSION_FAILURE = 'checkSession:fail session time out, need relogin'

/** `wx.checkSession`: a promise without callbacks, nothing with them. */
export interface WxCheckSession {
  (options?: Record<string, never>): Promise<WxCallbackResult>
  (options: WxCheckSessionOptions): void
}

const usesCallbacks = (o: WxCheckSessionOptions | undefined): boolean =>
  o !== undefined && (o.success !== undefined || o.fail !== undefined || o.complete !== undefined)

/**
 * `wx.checkSession` (TYPINGS:24194, https://developers.weixin.qq.com/miniprogram/dev/api/open-api/login/wx.checkSession.html):
 * "wx.checkSession 的校验对象是最后一次获取 code 操作对应的登录态 session_key，调用成功说明该
 * session_key 未过期，调用失败说明 session_key 已过期". So `success` (`checkSession:ok`) when the
 * runtime's last `wx.login` gave a code and its session has not expired since
 * (`expireSessionKey()`); `fail` before any login and after an expiry, until the next
 * `wx.login`. Answered on a later task, as of the moment of the call. Promise style ("以
 * Promise 风格 调用：支持"): without `success`, `fail` and `complete` it returns a promise that
 * resolves or rejects with the same result (base library 2.10.2).
 */
export function createCheckSession(context: OpenApiContext, session: LoginSession): WxCheckSession {
  function checkSession(options?: Record<string, never>): Promise<WxCallbackResult>
  function checkSession(options: WxCheckSessionOptions): void
  function checkSession(o?: WxCheckSessionOptions): Promise<WxCallbackResult> | void {
    const valid = session.valid
    const result: WxCallbackResult = { errMsg: valid ? 'checkSession:ok' : CHECK_SESSION_FAILURE }
    const answered = new Promise<void>((resolve) => setTimeout(resolve, 0))
    context.track(answered)
    if (!usesCallbacks(o)) {
      return new Promise((resolve, reject) => {
        void answered.then(() => context.deliver(() => (valid ? resolve : reject)(result)))
      })
    }
    void answered.then(() =>
      context.deliver(() => {
        if (valid) o?.success?.(result)
        else o?.fail?.(result)
        o?.complete?.(result)
      }),
    )
  }
  return checkSession
}
