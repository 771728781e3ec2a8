import type { Context } from 'koa'
import type { RouteDeps } from './route-deps'

/**
 * Keep the logged-in user at `max` live sessions: revoke the least recently used others, never
 * the request's own. Call it once the login's session is stored (`await ctx.session.save()`),
 * so that the count includes it.
 *
 * @returns How many sessions were revoked.
 * @throws SessionStoreUnavailableError when the store fails or is too slow.
 */
export function capUserSessions(
  ctx: Context,
  deps: RouteDeps,
  userId: string,
  max: number,
): Promise<number> {
  return deps.sessions.revokeAll(userId, { except: ctx.session.handle, keep: max })
}
