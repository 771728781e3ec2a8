import { WechatLoginError, WechatUnavailableError } from '../errors'

/** WeChat's API host, the default of `WECHAT_API_BASE` when `WECHAT_APPID` is set. */
export const DEFAULT_WECHAT_API_BASE = 'https://api.weixin.qq.com'

/** How long a `jscode2session` call may take, body included, before it counts as a 502. */
export const DEFAULT_WECHAT_TIMEOUT_MS = 5_000

/** What `code2Session` needs. */
export interface Code2SessionOptions {
  appId: string
  secret: string
  /** Base URL without a trailing slash, e.g. `https://api.weixin.qq.com`. */
  apiBase: string
  /** Deadline of the whole call, body included. */
  timeoutMs: number
}

/** Who WeChat says the code belongs to. `sessionKey` must never leave the server. */
export interface WechatIdentity {
  openid: string
  unionid: string | null
  sessionKey: string
}

/**
 * Errcodes that blame the server (bad appid or secret, a missing parameter) or WeChat itself
 * (-1, "system busy"): a fresh code would not help the client, so they answer 502.
 */
const NOT_THE_CODES_FAULT = new Set([-1, 40002, 40013, 40125, 41002, 41004, 41008])

/**
 * Exchange a `wx.login` code for the user's openid (`GET /sns/jscode2session`). The secret
 * travels in the query, as WeChat requires: never log the URL.
 *
 * @throws WechatLoginError when WeChat refuses the code (40029, 40163, 45011, 40226...).
 * @throws WechatUnavailableError when WeChat is unreachable, slow, refuses our credentials or
 *   answers something unreadable.
 */
export async function code2Session(
  options: Code2SessionOptions,
  code: string,
): Promise<WechatIdentity> {
  const query = new URLSearchParams({
    appid: options.appId,
    secret: options.secret,
    js_code: code,
    grant_type: 'authorization_code',
  })
  let text: string
  try {
    const response = await fetch(`${options.apiBase}/sns/jscode2session?${query}`, {
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: { accept: 'application/json' },
    })
    text = await response.text()
    if (!response.ok) throw new WechatUnavailableError(`WeChat answered HTTP ${response.status}`)
  } catch (error) {
    if (error instanceof WechatUnavailableError) throw error
    // AbortSignal.timeout rejects with a DOMException, not always an `Error` of this realm.
    const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError'
    throw new WechatUnavailableError(
      timedOut ? `WeChat did not answer within ${options.timeoutMs} ms` : 'WeChat is unreachable',
      { cause: error },
    )
  }
  return readAnswer(text)
}

function readAnswer(text: string): WechatIdentity {
  let answer: unknown
  try {
    answer = JSON.parse(text)
  } catch (error) {
    throw new WechatUnavailableError('WeChat answered something that is not JSON', { cause: error })
  }
  if (typeof answer !== 'object' || answer === null) {
    throw new WechatUnavailableError('WeChat answered something that is not an object')
  }
  const { errcode, errmsg, openid, unionid, session_key } = answer as Record<string, unknown>
  if (typeof errcode === 'number' && errcode !== 0) {
    const message = typeof errmsg === 'string' ? errmsg : ''
    if (NOT_THE_CODES_FAULT.has(errcode)) {
      throw new WechatUnavailableError(`WeChat refused the call: ${errcode} ${message}`)
    }
    throw new WechatLoginError(errcode, message)
  }
  if (typeof openid !== 'string' || openid === '' || openid.length > 128) {
    throw new WechatUnavailableError('WeChat answered without an openid')
  }
  if (typeof session_key !== 'string' || session_key === '') {
    throw new WechatUnavailableError('WeChat answered without a session_key')
  }
  return {
    openid,
    unionid: typeof unionid === 'string' && unionid !== '' ? unionid : null,
    sessionKey: session_key,
  }
}
