import { toPublicUser, upsertUser } from '../models'
import { LoginRequiredError } from '../errors'
import { code2Session } from '../wechat/code2session'
import { requireLogin } from './require-login'
import type { AppRouter, RouteDeps } from './route-deps'
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
 * `POST /auth/login` `{ code }`, `POST /auth/logout`, `GET /me`. The login exchanges the code
 * with WeChat, upserts the user by openid, rotates the session id and binds it to the user.
 * WeChat's `session_key` is not kept: nothing here needs it, so it never leaves this function.
 */
export function registerAuthRoutes(router: AppRouter, deps: RouteDeps): void {
  router.post('/auth/login', async (ctx) => {
    const { code } = readBody(ctx)
    const errors = new FieldErrors()
    if (typeof code !== 'string' || !CODE.test(code)) {
      errors.add('code', 'expected the code of wx.login: 1 to 128 printable ASCII characters')
    }
    errors.throwIfAny()
    const identity = await code2Session(deps.wechat(ctx), code as string)
    const user = await upsertUser(deps.models.User, identity, deps.now())
    // Another user's data must not follow the new login (the cart is per person).
    if (ctx.session.userId !== null && ctx.session.userId !== user.id) ctx.session.data = {}
    ctx.session.regenerate()
    ctx.session.setUser(user.id, { device: deviceLabel(ctx.get(DEVICE_HEADER)) })
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
