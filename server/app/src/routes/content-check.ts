import type { Context } from 'koa'
import {
  ContentCheckUnavailableError,
  ContentRejectedError,
  LoginRequiredError,
  WechatApiError,
  type WechatApiErrorCode,
} from '../errors'
import type { MsgSecCheckScene } from '../wechat/msg-sec-check'
import type { RouteDeps } from './route-deps'

/**
 * The notes' scene of `msg_sec_check`: 4, "社交日志" (social log). WeChat's page lists
 * "1 资料；2 评论；3 论坛；4 社交日志"
 * (https://developers.weixin.qq.com/miniprogram/dev/server/API/sec-center/sec-check/api_msgseccheck.html):
 * a note is a post of the user's own log, not a profile field (1), a comment on someone's
 * content (2) or a forum thread (3).
 */
export const NOTES_SCENE: MsgSecCheckScene = 4

/**
 * Failures that say WeChat cannot check now, whoever writes: busy, unreachable or slow, a
 * per-minute limit, the day's quota, our token or credentials refused. The others (the user
 * has not visited within two hours, an openid WeChat does not know) are the user's and answer
 * as they are, whatever `whenUnavailable` says.
 */
const CHECK_UNAVAILABLE: ReadonlySet<WechatApiErrorCode> = new Set([
  'WECHAT_BUSY',
  'WECHAT_UNAVAILABLE',
  'WECHAT_RATE_LIMITED',
  'WECHAT_QUOTA_EXHAUSTED',
  'WECHAT_TOKEN_REJECTED',
  'WECHAT_REFUSED',
])

/** A WeChat failure for the logs: never the token, the text or the key. */
const failureFields = (error: WechatApiError) => ({
  api: error.api,
  code: error.code,
  errcode: error.wechatErrcode,
  errmsg: error.errmsg,
  reason: error.reason,
})

/**
 * Check a text the user is about to store with WeChat's `msg_sec_check` (version 2, scene
 * `NOTES_SCENE`, the user's openid). Returns when it may be stored: `pass`, or `review`
 * (stored, and logged at info with WeChat's trace id for a person to look at), or WeChat
 * unavailable with `contentCheck.whenUnavailable: 'store'` (logged at warn).
 *
 * @throws ContentRejectedError (422) for `risky`.
 * @throws ContentCheckUnavailableError (503, `Retry-After`) when WeChat cannot check and
 *   `whenUnavailable` is `'refuse'` (the default).
 * @throws WechatApiError for the user's failures (`WECHAT_USER_INACTIVE`,
 *   `WECHAT_OPENID_INVALID`).
 */
export async function checkUserText(
  ctx: Context,
  deps: RouteDeps,
  userId: string,
  field: string,
  text: string,
): Promise<void> {
  const user = await deps.models.User.query().findById(userId).select('openid')
  if (!user) throw new LoginRequiredError('SESSION_REQUIRED')
  let result
  try {
    result = await deps
      .wechatApi(ctx)
      .msgSecCheck({ content: text, openid: user.openid, scene: NOTES_SCENE })
  } catch (error) {
    if (!(error instanceof WechatApiError) || !CHECK_UNAVAILABLE.has(error.code)) throw error
    if (deps.contentCheck.whenUnavailable === 'refuse') {
      throw new ContentCheckUnavailableError(error)
    }
    ctx.log.warn({ userId, ...failureFields(error) }, 'content check unavailable; stored unchecked')
    return
  }
  const { suggest, label, traceId } = result
  if (suggest === 'risky') {
    ctx.log.info({ userId, label, traceId }, 'content rejected')
    throw new ContentRejectedError(field, label, traceId)
  }
  if (suggest === 'review') ctx.log.info({ userId, label, traceId }, 'content stored for review')
}
