import type { Context } from 'koa'
import { LoginRequiredError } from '../errors'

/**
 * The logged-in user's id, or a 401: `SESSION_EXPIRED` when the request's token was dropped
 * (expired, revoked or malformed), `SESSION_REQUIRED` when it had none or an anonymous one.
 */
export function requireLogin(ctx: Context): string {
  const userId = ctx.session.userId
  if (userId !== null) return userId
  throw new LoginRequiredError(
    ctx.session.dropped === null ? 'SESSION_REQUIRED' : 'SESSION_EXPIRED',
  )
}
