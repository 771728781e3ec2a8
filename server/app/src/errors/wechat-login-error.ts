import { AppError } from './app-error'

/**
 * WeChat refused the login code (40029 invalid code, 40163 code used, 45011 rate limit...):
 * 400 `WECHAT_LOGIN_FAILED` with `wechatErrcode`. The client gets a fresh code and may retry.
 */
export class WechatLoginError extends AppError {
  override readonly name = 'WechatLoginError'
  override readonly code = 'WECHAT_LOGIN_FAILED'
  override readonly status = 400
  override readonly expose = true
  override readonly details: { wechatErrcode: number }

  /**
   * @param wechatErrcode WeChat's `errcode`, sent to the client.
   * @param errmsg WeChat's `errmsg`, for logs only (it carries WeChat's request id).
   */
  constructor(
    readonly wechatErrcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat refused the login code (errcode ${wechatErrcode})`)
    this.details = { wechatErrcode }
  }
}
