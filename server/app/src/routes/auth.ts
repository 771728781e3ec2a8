import { toPublicUser, upsertUser } from '../models'
import { LoginRequiredError } from '../errors'
import { code2Session } from '../wechat/code2session'
import { keepSessionKey } from '../wechat/session-key'
import { requireLogin } from './require-login'
import type { AppRouter, RouteDeps } from './route-deps'
import { capUserSessions } from './session-cap'
import { FieldErrors, readBody } from './validate'

// wx.login codes are 32 characters today; allow any printable ASCII up to 128.
const CODE = /^[\x21-\x7e]{1,128}$/
const DEVICE_HEADER = 'X-Client-Device'

/** A device label from the optional `X-Client-Device` header: printable, at most 64 characters. */
function deviceLabel(value: string): string | null {
  const label = value
    .replace(/[^\x20-\x7e]/g, '')
    .trim()
    .slice(0, 64)
  return label === '' ? null : label
}

/**
 * `POST /auth/login` `{ code }`, `POST /auth/logout`, `GET /me`. The login counts against its
 * client address (before WeChat is called) and its openid (after), exchanges the code with
 * WeChat, upserts the user by openid, rotates the session id and binds it to the user; past
 * the cap of sessions per user, the least recently used others are revoked.
 * WeChat's `session_key` is kept with the session on the server only (`keepSessionKey`),
 * replacing the previous login's: never in the answer, the data, or a log line.
 */
export function registerAuthRoutes(router: AppRouter, deps: RouteDeps): void {
  router.post('/auth/login', async (ctx) => {
    const { code } = readBody(ctx)
    const errors = new FieldErrors()
    if (typeof code !== 'string' || !CODE.test(code)) {
      errors.add('code', 'expected the code of wx.login: 1 to 128 printable ASCII characters')
    }
    errors.throwIfAny()
    await deps.limits.login(ctx)
    const identity = await code2Session(deps.wechat(ctx), code as string)
    await deps.limits.loginOf(identity.openid)
    const user = await upsertUser(deps.models.User, identity, deps.now())
    // Another user's data must not follow the new login (the cart is per person).
    if (ctx.session.userId !== null && ctx.session.userId !== user.id) ctx.session.data = {}
    ctx.session.regenerate()
    ctx.session.setUser(user.id, { device: deviceLabel(ctx.get(DEVICE_HEADER)) })
    keepSessionKey(ctx, identity.sessionKey)
    const max = deps.limits.maxSessionsPerUser
    if (max > 0) {
      // Stored first, so the count includes this session and the revoked ones never do.
      await ctx.session.save()
      try {
        const revoked = await capUserSessions(ctx, deps, user.id, max)
        if (revoked > 0) ctx.log.info({ userId: user.id, revoked, max }, 'session cap')
      } catch (error) {
        // The login is stored: failing it now would tell the client a lie. The next login
        // enforces the cap again. Only the message: a store error's fields may name keys (ids).
        const reason = error instanceof Error ? error.message : String(error)
        ctx.log.warn({ userId: user.id, reason }, 'session cap not enforced')
      }
    }
    ctx.log.info({ userId: user.id }, 'login')
    ctx.body = { user: toPublicUser(user) }
  })

  router.post('/auth/logout', (ctx) => {
    ctx.session.destroy()
    ctx.status = 204
  })

  router.get('/me', async (ctx) => {
    const userId = requireLogin(ctx)
    const user = await deps.models.User.query().findById(userId)
    if (!user) throw new LoginRequiredError('SESSION_REQUIRED')
    ctx.body = { user: toPublicUser(user) }
  })
}
