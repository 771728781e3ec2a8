import { createHmac } from 'node:crypto'
import { errcodeOf, errorOfAnswer } from './wechat-errcodes'
import type { WechatClient } from './wechat-client'
import { callWechat } from './wechat-request'

const API = 'checksession'
/** "invalid signature": the key is not the user's current one. */
const INVALID_SIGNATURE = 87009

/**
 * Whether `sessionKey` is still the user's valid session_key (a later `wx.login` may have
 * replaced it): `GET /wxa/checksession?access_token=…&signature=…&openid=…&sig_method=hmac_sha256`
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/checkSessionKey.html),
 * `signature = hmac_sha256(session_key, "")`: the key (its base64 text) signs the empty string.
 * The key itself never travels.
 *
 * @returns true for errcode 0, false for 87009.
 * @throws WechatApiError for any other errcode (`WECHAT_OPENID_INVALID` 40003, `WECHAT_BUSY`,
 *   `WECHAT_TOKEN_REJECTED`...) or a transport failure (`WECHAT_UNAVAILABLE`).
 */
export async function checkSessionKey(
  client: WechatClient,
  openid: string,
  sessionKey: string,
): Promise<boolean> {
  const signature = createHmac('sha256', sessionKey).update('').digest('hex')
  const answer = await client.tokens.withAccessToken((accessToken) =>
    callWechat({
      api: API,
      apiBase: client.apiBase,
      path: '/wxa/checksession',
      query: { access_token: accessToken, signature, openid, sig_method: 'hmac_sha256' },
      timeoutMs: client.timeoutMs,
    }),
  )
  const errcode = errcodeOf(answer)
  if (errcode === 0) return true
  if (errcode === INVALID_SIGNATURE) return false
  throw errorOfAnswer(API, answer)
}
