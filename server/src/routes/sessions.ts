import type { Context } from 'koa'
import { NotFoundError } from '../errors'
import { withTimeout } from '../http/with-timeout'
import { sessionHandle, SessionStoreUnavailableError, type UserSession } from '../session'
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
  /** The user's sessions that are still alive, by the middleware's own expiry rules. */
  async function liveSessions(userId: string): Promise<UserSession[]> {
    let all: UserSession[]
    try {
      all = await withTimeout(deps.store.listByUser(userId), deps.storeTimeoutMs)
    } catch (error) {
      throw new SessionStoreUnavailableError('listByUser', { cause: error })
    }
    const now = deps.now()
    return all.filter(
      ({ record }) =>
        record.userId === userId && now < record.idleExpiresAt && now < record.absoluteExpiresAt,
    )
  }

  async function destroy(ids: string[]): Promise<void> {
    try {
      await withTimeout(Promise.all(ids.map((id) => deps.store.destroy(id))), deps.storeTimeoutMs)
    } catch (error) {
      throw new SessionStoreUnavailableError('destroy', { cause: error })
    }
  }

  const isCurrent = (ctx: Context, id: string): boolean => ctx.session.handle === sessionHandle(id)

  router.get('/sessions', async (ctx) => {
    const userId = requireLogin(ctx)
    const sessions: PublicSession[] = (await liveSessions(userId))
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
    const target = (await liveSessions(userId)).find(({ id }) => sessionHandle(id) === handle)
    if (!target) throw new NotFoundError('session')
    await destroy([target.id])
    ctx.status = 204
  })

  router.post('/sessions/revoke-others', async (ctx) => {
    const userId = requireLogin(ctx)
    const others = (await liveSessions(userId)).filter(({ id }) => !isCurrent(ctx, id))
    await destroy(others.map(({ id }) => id))
    ctx.body = { revoked: others.length }
  })
}
