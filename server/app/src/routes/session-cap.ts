import type { Context } from 'koa'
import { sessionHandle } from '@header-session/koa'
import { destroySessions, liveSessions } from './live-sessions'
import type { RouteDeps } from './route-deps'

/**
 * Keep the logged-in user at `max` live sessions: revoke the least recently used others (by
 * last use, then creation), never the request's own. Call it once the login's session is
 * stored (`await ctx.session.save()`), so that the count includes it.
 *
 * @returns How many sessions were revoked.
 * @throws SessionStoreUnavailableError when the store fails or is too slow.
 */
export async function capUserSessions(
  ctx: Context,
  deps: RouteDeps,
  userId: string,
  max: number,
): Promise<number> {
  const live = await liveSessions(deps, userId)
  if (live.length <= max) return 0
  const current = ctx.session.handle
  const oldest = live
    .filter(({ id }) => sessionHandle(id) !== current)
    .sort(
      (a, b) =>
        a.record.lastSeenAt - b.record.lastSeenAt || a.record.createdAt - b.record.createdAt,
    )
    .slice(0, live.length - max)
  await destroySessions(
    deps,
    oldest.map(({ id }) => id),
  )
  return oldest.length
}
