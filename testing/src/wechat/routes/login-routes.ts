import { devError, json, readDevBody, wechat, wechatRefusal } from '../stand-in-request'
import type { StandInAnswer, StandInRequest } from '../stand-in-request'
import type { StandInState } from '../stand-in-state'

export const OPENID = /^[A-Za-z0-9_-]{1,64}$/
// Unref'd: a delayed answer must not keep a process (or a test run) alive.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref())

/** `jscode2session` answers `text/plain`, as WeChat does. */
const TEXT = 'text/plain'

/** `POST /codes` `{ openid?, errcode?, delayMs? }` → `{ code }`, as `wx.login` gives. */
export async function issueCode(
  state: StandInState,
  request: StandInRequest,
): Promise<StandInAnswer> {
  const read = await readDevBody(request)
  if ('refused' in read) return read.refused
  const { openid, errcode, delayMs } = read.fields
  const fields: Record<string, string> = {}
  if (openid !== undefined && (typeof openid !== 'string' || !OPENID.test(openid)))
    fields.openid = 'expected 1 to 64 letters, digits, - or _'
  if (errcode !== undefined && !Number.isInteger(errcode)) fields.errcode = 'expected an integer'
  if (
    delayMs !== undefined &&
    (typeof delayMs !== 'number' || !Number.isInteger(delayMs) || delayMs < 0 || delayMs > 30_000)
  )
    fields.delayMs = 'expected an integer from 0 to 30000'
  if (Object.keys(fields).length > 0) {
    return devError(400, 'VALIDATION_FAILED', 'Invalid code request', fields)
  }
  const code = state.codes.issue({
    openid: openid as string | undefined,
    errcode: errcode as number | undefined,
    delayMs: delayMs as number | undefined,
  })
  return json(200, { code })
}

/**
 * `GET /sns/jscode2session`, checked and answered as `code2Session` does
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html):
 * `{ session_key, openid, unionid? }`, or 41002, 41004, 41008, 40002, 40013, 40125, 40029
 * (unknown or expired code), 40163 (used code), -1 (busy). The session_key is the user's one
 * valid key ("同一用户在同一时刻仅有一个有效的 session_key", checkSessionKey's page), renewed at
 * each login unless `rotateSessionKeyOnLogin` is false.
 */
export async function code2Session(
  state: StandInState,
  request: StandInRequest,
): Promise<StandInAnswer> {
  state.calls.count('jscode2session')
  if (state.calls.isBusy('jscode2session')) return wechatRefusal(-1, TEXT)
  const param = (name: string) => request.query.get(name) ?? ''
  if (!param('appid')) return wechatRefusal(41002, TEXT)
  if (!param('secret')) return wechatRefusal(41004, TEXT)
  if (!param('js_code')) return wechatRefusal(41008, TEXT)
  if (param('grant_type') !== 'authorization_code') return wechatRefusal(40002, TEXT)
  if (param('appid') !== state.appId) return wechatRefusal(40013, TEXT)
  if (param('secret') !== state.secret) return wechatRefusal(40125, TEXT)
  const entry = state.codes.find(param('js_code'))
  if (!entry) return wechatRefusal(40029, TEXT)
  if (entry.used) return wechatRefusal(40163, TEXT)
  entry.used = true
  if (entry.delayMs > 0) await sleep(entry.delayMs)
  if (entry.errcode !== null) return wechatRefusal(entry.errcode, TEXT)
  const user = state.users.login(entry.openid)
  return wechat(
    {
      session_key: user.sessionKey,
      openid: user.openid,
      ...(user.unionid !== null ? { unionid: user.unionid } : {}),
    },
    TEXT,
  )
}
