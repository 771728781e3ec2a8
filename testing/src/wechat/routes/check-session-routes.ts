import { createHmac, timingSafeEqual } from 'node:crypto'
import { wechat, wechatRefusal } from '../stand-in-request'
import type { StandInAnswer, StandInRequest } from '../stand-in-request'
import type { StandInState } from '../stand-in-state'
import { tokenErrcode } from './token-routes'

/**
 * The login-state signature of `checkSessionKey`: `hmac_sha256(session_key, "")` in hex, the
 * session_key (its base64 text, as given) being the HMAC key and the empty string the message.
 */
export function sessionSignature(sessionKey: string): string {
  return createHmac('sha256', sessionKey).update('').digest('hex')
}

/**
 * `GET /wxa/checksession?access_token=…&signature=…&openid=…&sig_method=hmac_sha256`, as
 * `checkSessionKey` does
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/checkSessionKey.html):
 * `{ errcode: 0, errmsg: 'ok' }` when the signature is that of the user's current session_key,
 * 87009 "invalid signature" otherwise (an old key, since replaced, included). 40003 for an
 * openid that never logged in, 40097 for a `sig_method` other than `hmac_sha256`, -1 when busy,
 * and the token's errcodes.
 */
export async function checkSession(
  state: StandInState,
  request: StandInRequest,
): Promise<StandInAnswer> {
  state.calls.count('checksession')
  if (state.calls.isBusy('checksession')) return wechatRefusal(-1)
  const token = tokenErrcode(state, request)
  if (token !== 0) return wechatRefusal(token)
  const param = (name: string) => request.query.get(name) ?? ''
  if (param('sig_method') !== 'hmac_sha256') return wechatRefusal(40097)
  const user = state.users.find(param('openid'))
  if (!user) return wechatRefusal(40003)
  const expected = Buffer.from(sessionSignature(user.sessionKey))
  const given = Buffer.from(param('signature').toLowerCase())
  const valid = given.length === expected.length && timingSafeEqual(given, expected)
  return valid ? wechat({ errcode: 0, errmsg: 'ok' }) : wechatRefusal(87009)
}
