import { withTimeout } from '../http/with-timeout'
import { SessionStoreUnavailableError, type UserSession } from '@header-session/koa'
import type { RouteDeps } from './route-deps'

/**
 * The user's sessions that are still alive, by the middleware's own expiry rules (a store may
 * keep a record past its expiry until it is pruned).
 *
 * @throws SessionStoreUnavailableError when the store fails or is too slow.
 */
export async function liveSessions(deps: RouteDeps, userId: string): Promise<UserSession[]> {
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

/**
 * Destroy sessions by id; their next request gets 401 `SESSION_EXPIRED`.
 *
 * @throws SessionStoreUnavailableError when the store fails or is too slow.
 */
export async function destroySessions(deps: RouteDeps, ids: readonly string[]): Promise<void> {
  try {
    await withTimeout(Promise.all(ids.map((id) => deps.store.destroy(id))), deps.storeTimeoutMs)
  } catch (error) {
    throw new SessionStoreUnavailableError('destroy', { cause: error })
  }
}
