import { AppError } from './app-error'

/** Which check of WeChat's open data failed. */
export type WechatDataCheck = 'format' | 'padding' | 'json' | 'watermark' | 'signature'

/**
 * Open data from the client did not pass a check (`decryptOpenData`, `checkSignature`): 400
 * `WECHAT_DATA_INVALID`. The message says which check failed, never the key or the data. The
 * usual causes: a session_key replaced by a later `wx.login` (log in again, then fetch the data
 * again), data tampered with, or data of another mini-program.
 */
export class WechatDataInvalidError extends AppError {
  override readonly name = 'WechatDataInvalidError'
  override readonly code = 'WECHAT_DATA_INVALID'
  override readonly status = 400
  override readonly expose = true
  override readonly details: { check: WechatDataCheck }

  /**
   * @param check The check that failed, also sent to the client as `check`.
   * @param message What failed, in words; it must not quote the data or the key.
   */
  constructor(
    readonly check: WechatDataCheck,
    message: string,
  ) {
    super(`WeChat open data is invalid: ${message}`)
    this.details = { check }
  }
}
