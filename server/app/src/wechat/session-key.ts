import type { Context } from 'koa'

/**
 * The name under which the login keeps WeChat's `session_key` with the session
 * (`ctx.session.setSecret`): on the server only, replaced at every login, gone with the
 * session. It decrypts the user's open data and signs `checksession`; it is never logged, sent
 * or put in an error.
 */
export const WECHAT_SESSION_KEY = 'wechatSessionKey'

/** Keep the `session_key` of this login with the session, replacing the previous one. */
export function keepSessionKey(ctx: Context, sessionKey: string): void {
  ctx.session.setSecret(WECHAT_SESSION_KEY, sessionKey)
}

/** The `session_key` of the session's last login, or `undefined` (no login, or unreadable). */
export function sessionKeyOf(ctx: Context): string | undefined {
  return ctx.session.getSecret(WECHAT_SESSION_KEY)
}
