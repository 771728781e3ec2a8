import { AppError } from './app-error'

/**
 * WeChat could not be reached, was too slow, answered something unreadable, or refused the
 * server's own credentials: 502 `WECHAT_UNAVAILABLE`. The client sees a fixed message; the
 * reason (`reason`, `cause`) is for logs only.
 */
export class WechatUnavailableError extends AppError {
  override readonly name = 'WechatUnavailableError'
  override readonly code = 'WECHAT_UNAVAILABLE'
  override readonly status = 502
  override readonly expose = true

  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super('WeChat did not answer the login; try again shortly', options)
  }
}
