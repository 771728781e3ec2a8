import { AppError } from './app-error'

/** The stable codes of `WechatApiError`, one per way a call to WeChat's server APIs fails. */
export type WechatApiErrorCode =
  | 'WECHAT_CODE_INVALID'
  | 'WECHAT_CODE_USED'
  | 'WECHAT_RATE_LIMITED'
  | 'WECHAT_QUOTA_EXHAUSTED'
  | 'WECHAT_BUSY'
  | 'WECHAT_TOKEN_REJECTED'
  | 'WECHAT_USER_INACTIVE'
  | 'WECHAT_OPENID_INVALID'
  | 'WECHAT_REFUSED'
  | 'WECHAT_UNAVAILABLE'

/** The status, the client's message and the headers of each code. */
const CODES: Readonly<
  Record<WechatApiErrorCode, { status: number; message: string; headers?: Record<string, string> }>
> = {
  WECHAT_CODE_INVALID: {
    status: 400,
    message: 'WeChat refused the code: unknown, expired or already used; get a new one',
  },
  WECHAT_CODE_USED: { status: 400, message: 'WeChat says the code was used; get a new one' },
  WECHAT_RATE_LIMITED: {
    status: 429,
    message: 'WeChat limits these calls per minute; retry in a minute',
    // RFC 6585: a 429 must not be stored by a cache.
    headers: { 'Retry-After': '60', 'Cache-Control': 'no-store' },
  },
  WECHAT_QUOTA_EXHAUSTED: { status: 503, message: "WeChat's daily quota of this call is used up" },
  WECHAT_BUSY: {
    status: 503,
    message: 'WeChat is busy; try again shortly',
    headers: { 'Retry-After': '1' },
  },
  WECHAT_TOKEN_REJECTED: {
    status: 502,
    message: "WeChat did not accept the server's credentials; try again later",
  },
  WECHAT_USER_INACTIVE: {
    status: 400,
    message: 'WeChat wants a recent visit of the user; open the mini-program again',
  },
  WECHAT_OPENID_INVALID: { status: 400, message: 'WeChat does not know this user for this app' },
  WECHAT_REFUSED: { status: 502, message: "WeChat refused the server's request" },
  WECHAT_UNAVAILABLE: { status: 502, message: 'WeChat did not answer; try again shortly' },
}

/** What went wrong, for logs: the API, WeChat's errcode and errmsg, or the transport failure. */
export interface WechatApiErrorContext {
  /** The API called, e.g. `getuserphonenumber`. */
  api: string
  /** WeChat's errcode, when WeChat answered one (sent to the client as `wechatErrcode`). */
  wechatErrcode?: number
  /** WeChat's errmsg (it carries WeChat's request id), for logs only. */
  errmsg?: string
  /** Why, in words, when WeChat answered no errcode (unreachable, slow, unreadable). */
  reason?: string
  cause?: unknown
}

/**
 * A call to one of WeChat's server APIs (`stable_token`, `getuserphonenumber`,
 * `msg_sec_check`, `checksession`) failed, with a stable `code` per kind of failure (see the
 * README's "WeChat APIs"). The client sees a fixed message and `wechatErrcode`; the errmsg and
 * the reason are for logs. None of them ever holds an access_token or a session_key.
 */
export class WechatApiError extends AppError {
  override readonly name = 'WechatApiError'
  override readonly code: WechatApiErrorCode
  override readonly status: number
  override readonly expose = true
  override readonly details: { wechatErrcode?: number }
  /** Read by the JSON error renderer as response headers (`Retry-After`). */
  readonly headers: Record<string, string>
  readonly api: string
  readonly wechatErrcode: number | null
  readonly errmsg: string | null
  readonly reason: string | null

  constructor(code: WechatApiErrorCode, context: WechatApiErrorContext) {
    const { status, message, headers } = CODES[code]
    super(message, { cause: context.cause })
    this.code = code
    this.status = status
    this.headers = { ...headers }
    this.api = context.api
    this.wechatErrcode = context.wechatErrcode ?? null
    this.errmsg = context.errmsg ?? null
    this.reason = context.reason ?? null
    this.details =
      context.wechatErrcode === undefined ? {} : { wechatErrcode: context.wechatErrcode }
  }
}
