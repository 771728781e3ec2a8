import { WechatApiError } from '../errors'
import { errcodeOf, errorOfAnswer } from './wechat-errcodes'
import { callWechat } from './wechat-request'

/** What `stable_token` needs: the app's credentials and where WeChat is. */
export interface StableTokenOptions {
  appId: string
  secret: string
  /** Base URL without a trailing slash, e.g. `https://api.weixin.qq.com`. */
  apiBase: string
  timeoutMs: number
}

/** A token as WeChat hands it out. */
export interface StableToken {
  accessToken: string
  /** Its remaining life in seconds (7200 at most, 300 at least in normal mode). */
  expiresIn: number
}

/**
 * `POST /cgi-bin/stable_token` `{ grant_type: 'client_credential', appid, secret,
 * force_refresh }`
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html).
 * Normal mode answers the current token while it is valid; `forceRefresh` makes a new one,
 * which WeChat allows 20 times a day, 30 s apart. The secret travels in the body.
 *
 * @throws WechatApiError: `WECHAT_REFUSED` (40013 appid, 40125 secret, 40164 IP not listed...),
 *   `WECHAT_QUOTA_EXHAUSTED` (45009), `WECHAT_RATE_LIMITED` (45011), `WECHAT_BUSY` (-1),
 *   `WECHAT_UNAVAILABLE` (unreachable, slow, an answer without a token).
 */
export async function fetchStableToken(
  options: StableTokenOptions,
  forceRefresh: boolean,
): Promise<StableToken> {
  const answer = await callWechat({
    api: 'stable_token',
    apiBase: options.apiBase,
    path: '/cgi-bin/stable_token',
    body: {
      grant_type: 'client_credential',
      appid: options.appId,
      secret: options.secret,
      force_refresh: forceRefresh,
    },
    timeoutMs: options.timeoutMs,
  })
  if (errcodeOf(answer) !== 0) throw errorOfAnswer('stable_token', answer)
  const { access_token, expires_in } = answer
  if (typeof access_token !== 'string' || access_token === '') {
    throw new WechatApiError('WECHAT_UNAVAILABLE', {
      api: 'stable_token',
      reason: 'WeChat answered without an access_token',
    })
  }
  if (typeof expires_in !== 'number' || !(expires_in > 0)) {
    throw new WechatApiError('WECHAT_UNAVAILABLE', {
      api: 'stable_token',
      reason: 'WeChat answered without a positive expires_in',
    })
  }
  return { accessToken: access_token, expiresIn: expires_in }
}
