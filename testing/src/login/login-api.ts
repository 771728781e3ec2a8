import type { AlipayAuthCodeOptions, AlipayFailure } from '../types/alipay-types'
import type { WxLoginOptions, WxLoginResult } from '../types/wechat-types'
import { codeFrom, type CodeSource } from './code-source'

/** What the login APIs need from the runtime. */
export interface LoginContext {
  readonly source: CodeSource
  /** Runs a callback (or drops it, once the runtime is closed). */
  readonly deliver: (callback: () => void) => void
  /** Called with each login's work: counted, and waited for by `settled()`. */
  readonly started: (work: Promise<unknown>) => void
  /** Called when `wx.login` (not `my.getAuthCode`) got a code: the login `checkSession` checks. */
  readonly loggedIn: () => void
}

const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

/**
 * `wx.login` (and `qq.login`, `tt.login`, `swan.login`): a fresh code from the source in
 * `success` (`{ code, errMsg: 'login:ok' }`, LoginSuccessCallbackResult), or `fail` with
 * `login:fail <reason>`. A code makes a new session_key the current one ("触发获取临时登录凭证
 * code 的操作...可能会生成新的登录态session_key", wx.checkSession's page), which
 * `wx.checkSession` then finds good.
 */
export function createWechatLogin(context: LoginContext): (options?: WxLoginOptions) => void {
  return (o = {}) => {
    const code = codeFrom(context.source)
    context.started(code)
    code.then(
      (value) => {
        const result: WxLoginResult = { code: value, errMsg: 'login:ok' }
        context.loggedIn()
        context.deliver(() => {
          o.success?.(result)
          o.complete?.(result)
        })
      },
      (error: unknown) => {
        const failure = { errMsg: `login:fail ${reasonOf(error)}` }
        context.deliver(() => {
          o.fail?.(failure)
          o.complete?.(failure)
        })
      },
    )
  }
}

/**
 * `my.getAuthCode`: `scopes` is required (`auth_base` or `auth_user`); the code comes as
 * `{ authCode }`; a failure is `{ error, errorMessage }` (my.getAuthCode in Alipay's docs).
 */
export function createAlipayAuthCode(
  context: LoginContext,
): (options: AlipayAuthCodeOptions) => void {
  return (o) => {
    const scopes = [o?.scopes].flat()
    const fail = (failure: AlipayFailure) =>
      context.deliver(() => {
        o?.fail?.(failure)
        o?.complete?.(failure)
      })
    if (scopes.length === 0 || !scopes.every((s) => s === 'auth_base' || s === 'auth_user')) {
      const refused = Promise.resolve()
      context.started(refused)
      void refused.then(() => fail({ error: 2, errorMessage: 'invalid scopes' }))
      return
    }
    const code = codeFrom(context.source)
    context.started(code)
    code.then(
      (authCode) =>
        context.deliver(() => {
          o.success?.({ authCode })
          o.complete?.({ authCode })
        }),
      (error: unknown) => fail({ error: 11, errorMessage: reasonOf(error) }),
    )
  }
}
