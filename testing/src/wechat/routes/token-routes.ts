import { readWechatBody, wechat, wechatRefusal } from '../stand-in-request'
import type { StandInAnswer, StandInRequest } from '../stand-in-request'
import type { StandInState } from '../stand-in-state'

/** The largest body of a `stable_token` call the stand-in reads. */
const TOKEN_BODY_BYTES = 4_096

/**
 * The errcode WeChat answers for the request's `access_token` query parameter, 0 when it works:
 * 41001 "access_token missing", 40001 "invalid credential, access_token is invalid or not
 * latest" (never issued, or replaced by a refresh), 42001 "access_token expired".
 */
export function tokenErrcode(state: StandInState, request: StandInRequest): number {
  return state.tokens.check(request.query.get('access_token') ?? '')
}

/** The POST-only APIs answer other methods with 43002 "require POST method". */
export async function requirePost(): Promise<StandInAnswer> {
  return wechatRefusal(43002)
}

/**
 * `POST /cgi-bin/stable_token` `{ grant_type: 'client_credential', appid, secret,
 * force_refresh? }` → `{ access_token, expires_in }`, as `getStableAccessToken` does
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html),
 * with its errcodes: 41002, 41004, 40002, 40013, 40125, 45009 (a 21st forced refresh in a
 * day), -1 (busy), 44002 / 47001 for an empty or unreadable body. The token rules are in
 * `createAccessTokenTable`.
 */
export async function stableToken(
  state: StandInState,
  request: StandInRequest,
): Promise<StandInAnswer> {
  state.calls.count('stable_token')
  if (state.calls.isBusy('stable_token')) return wechatRefusal(-1)
  const read = await readWechatBody(request, TOKEN_BODY_BYTES)
  if ('errcode' in read) return wechatRefusal(read.errcode)
  const { grant_type, appid, secret, force_refresh } = read.fields
  if (appid === undefined || appid === '') return wechatRefusal(41002)
  if (secret === undefined || secret === '') return wechatRefusal(41004)
  if (grant_type !== 'client_credential') return wechatRefusal(40002)
  if (appid !== state.appId) return wechatRefusal(40013)
  if (secret !== state.secret) return wechatRefusal(40125)
  if (force_refresh !== undefined && typeof force_refresh !== 'boolean') {
    return wechatRefusal(47001)
  }
  const answer = state.tokens.stable(force_refresh === true)
  return 'errcode' in answer ? wechatRefusal(answer.errcode) : wechat(answer)
}
