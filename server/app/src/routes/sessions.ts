import type { Context } from 'koa'
import { NotFoundError } from '../errors'
import { sessionHandle } from '@header-session/koa'
import { destroySessions, liveSessions } from './live-sessions'
import { requireLogin } from './require-login'
import type { AppRouter, RouteDeps } from './route-deps'

const HANDLE = /^[A-Za-z0-9_-]{22}$/

/** What clients see of a session: a handle, never the token or the id. */
interface PublicSession {
  handle: string
  device: string | null
  createdAt: string
  lastSeenAt: string
  current: boolean
}

/**
 * The logged-in user's live sessions: `GET /sessions`, `DELETE /sessions/:handle`,
 * `POST /sessions/revoke-others`. A revoked session's next request gets 401 `SESSION_EXPIRED`.
 */
export function registerSessionRoutes(router: AppRouter, deps: RouteDeps): void {
  const isCurrent = (ctx: Context, id: string): boolean => ctx.session.handle === sessionHandle(id)

  router.get('/sessions', async (ctx) => {
    const userId = requireLogin(ctx)
    const sessions: PublicSession[] = (await liveSessions(deps, userId))
      .sort((a, b) => b.record.lastSeenAt - a.record.lastSeenAt)
      .map(({ id, record }) => ({
        handle: sessionHandle(id),
        device: record.device,
        createdAt: new Date(record.createdAt).toISOString(),
        lastSeenAt: new Date(record.lastSeenAt).toISOString(),
        current: isCurrent(ctx, id),
      }))
    ctx.body = { sessions }
  })

  router.delete('/sessions/:handle', async (ctx) => {
    const userId = requireLogin(ctx)
    const { handle } = ctx.params
    if (typeof handle !== 'string' || !HANDLE.test(handle)) throw new NotFoundError('session')
    if (handle === ctx.session.handle) {
      // Revoking the current session is a logout: the client is told to drop its token.
      ctx.session.destroy()
      ctx.status = 204
      return
    }
    const target = (await liveSessions(deps, userId)).find(({ id }) => sessionHandle(id) === handle)
    if (!target) throw new NotFoundError('session')
    await destroySessions(deps, [target.id])
    ctx.status = 204
  })

  router.post('/sessions/revoke-others', async (ctx) => {
    const userId = requireLogin(ctx)
    const others = (await liveSessions(deps, userId)).filter(({ id }) => !isCurrent(ctx, id))
    await destroySessions(
      deps,
      others.map(({ id }) => id),
    )
    ctx.body = { revoked: others.length }
  })
}
