import { WechatApiError, type WechatApiErrorCode } from '../errors'

/** WeChat's errcodes for an access_token it does not take: the provider refreshes on them. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001])

/**
 * WeChat's errcodes → our stable codes (the README's "WeChat APIs" table). Any other errcode
 * is `WECHAT_REFUSED`: a request of ours WeChat would not take (our appid or secret, an IP
 * not in the list, a parameter), which the client cannot fix.
 */
const ERRCODE_CODES: ReadonlyMap<number, WechatApiErrorCode> = new Map([
  [-1, 'WECHAT_BUSY'],
  [40029, 'WECHAT_CODE_INVALID'],
  [40163, 'WECHAT_CODE_USED'],
  [45011, 'WECHAT_RATE_LIMITED'],
  [44991, 'WECHAT_RATE_LIMITED'],
  [45009, 'WECHAT_QUOTA_EXHAUSTED'],
  [40001, 'WECHAT_TOKEN_REJECTED'],
  [40014, 'WECHAT_TOKEN_REJECTED'],
  [42001, 'WECHAT_TOKEN_REJECTED'],
  [61010, 'WECHAT_USER_INACTIVE'],
  [40003, 'WECHAT_OPENID_INVALID'],
  [43104, 'WECHAT_OPENID_INVALID'],
])

/** Our code for one of WeChat's errcodes. */
export function codeOfErrcode(errcode: number): WechatApiErrorCode {
  return ERRCODE_CODES.get(errcode) ?? 'WECHAT_REFUSED'
}

/** WeChat's errcode in an answer, 0 when it has none (a success). */
export function errcodeOf(answer: Record<string, unknown>): number {
  return typeof answer.errcode === 'number' ? answer.errcode : 0
}

/** The error for an answer whose errcode is not 0. */
export function errorOfAnswer(api: string, answer: Record<string, unknown>): WechatApiError {
  const wechatErrcode = errcodeOf(answer)
  const errmsg = typeof answer.errmsg === 'string' ? answer.errmsg : ''
  return new WechatApiError(codeOfErrcode(wechatErrcode), { api, wechatErrcode, errmsg })
}
