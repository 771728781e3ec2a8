import { AppError } from './app-error'

/**
 * A rate limit refused the request: 429 `RATE_LIMITED` with `Retry-After` (whole seconds, at
 * least 1) and `Cache-Control: no-store`. Nothing was stored; the client may retry after that
 * time.
 */
export class RateLimitedError extends AppError {
  override readonly name = 'RateLimitedError'
  override readonly code = 'RATE_LIMITED'
  override readonly status = 429
  override readonly expose = true
  /** Seconds until the limit lets the request through again. */
  readonly retryAfterSeconds: number
  /** Read by the JSON error renderer (and Koa) as response headers. */
  readonly headers: Record<string, string>

  /**
   * @param what What was refused, for the message: `'new sessions'`, `'logins'`.
   * @param retryAfterMs Time until the limit's window ends.
   */
  constructor(what: string, retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
    super(`Too many ${what}; retry in ${seconds} s`)
    this.retryAfterSeconds = seconds
    // RFC 6585: a 429 must not be stored by a cache (one client's refusal is not another's).
    this.headers = { 'Retry-After': String(seconds), 'Cache-Control': 'no-store' }
  }
}
