import { AppError } from './app-error'
import type { WechatApiError } from './wechat-api-error'

/** Seconds to wait when WeChat's failure names no time of its own. */
const DEFAULT_RETRY_AFTER_SECONDS = 30

/**
 * WeChat could not check a text (busy, unreachable, a per-minute limit, the day's quota, our
 * credentials refused) and the app refuses to store unchecked text (`contentCheck:
 * { whenUnavailable: 'refuse' }`, the default): 503 `CONTENT_CHECK_UNAVAILABLE` with
 * `Retry-After` (WeChat's own when it has one: 1 s when busy, 60 s past a per-minute limit;
 * else 30 s). Nothing was stored. WeChat's failure is `wechatError` (and the `cause`), for logs.
 */
export class ContentCheckUnavailableError extends AppError {
  override readonly name = 'ContentCheckUnavailableError'
  override readonly code = 'CONTENT_CHECK_UNAVAILABLE'
  override readonly status = 503
  override readonly expose = true
  /** Read by the JSON error renderer as response headers. */
  readonly headers: Record<string, string>

  constructor(readonly wechatError: WechatApiError) {
    super("WeChat's content check is unavailable, so nothing was stored; try again shortly", {
      cause: wechatError,
    })
    const retryAfter = wechatError.headers['Retry-After'] ?? String(DEFAULT_RETRY_AFTER_SECONDS)
    this.headers = { 'Retry-After': retryAfter, 'Cache-Control': 'no-store' }
  }
}
