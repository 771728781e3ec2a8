import { NotFoundError } from '../errors'
import { requireLogin } from './require-login'
import type { AppRouter, RouteDeps } from './route-deps'

/**
 * The logged-in user's live sessions, through the session admin: `GET /sessions`,
 * `DELETE /sessions/:handle`, `POST /sessions/revoke-others`. Sessions are named by handle,
 * never by token or id. A revoked session's next request gets 401 `SESSION_EXPIRED`; a store
 * that fails or is too slow answers 503 `SESSION_STORE_UNAVAILABLE`.
 */
export function registerSessionRoutes(router: AppRouter, { sessions }: RouteDeps): void {
  router.get('/sessions', async (ctx) => {
    const userId = requireLogin(ctx)
    const live = await sessions.list(userId, { current: ctx.session.handle })
    ctx.body = {
      sessions: live.map(({ handle, device, createdAt, lastSeenAt, current }) => ({
        handle,
        device,
        createdAt: new Date(createdAt).toISOString(),
        lastSeenAt: new Date(lastSeenAt).toISOString(),
        current,
      })),
    }
  })

  router.delete('/sessions/:handle', async (ctx) => {
    const userId = requireLogin(ctx)
    const { handle } = ctx.params
    if (handle !== undefined && handle === ctx.session.handle) {
      // Revoking the current session is a logout: the client is told to drop its token.
      ctx.session.destroy()
    } else if (handle === undefined || !(await sessions.revoke(userId, handle))) {
      throw new NotFoundError('session')
    }
    ctx.status = 204
  })

  router.post('/sessions/revoke-others', async (ctx) => {
    const userId = requireLogin(ctx)
    ctx.body = { revoked: await sessions.revokeAll(userId, { except: ctx.session.handle }) }
  })
}
