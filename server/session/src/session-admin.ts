import type { SessionEvent } from './events'
import { expiredBy } from './expiry'
import { sessionHandle } from './session'
import type { StoreGuard } from './store-guard'
import { tokenHint } from './token'
import type { SessionRecord, SessionStore } from './types'

/** One live session of a user, as the session admin lists it: never its id or token. */
export interface LiveSession {
  /** The session's public name (`ctx.session.handle`): revoke it with `admin.revoke`. */
  handle: string
  /** The device label given to `setUser`, or null. */
  device: string | null
  /** When the session was created (epoch ms). */
  createdAt: number
  /** When it was last used (epoch ms), to within the middleware's `touchIntervalMs`. */
  lastSeenAt: number
  /** Whether it is the session named by `ListSessionsOptions.current`. */
  current: boolean
}

/** Options of `SessionAdmin.list`. */
export interface ListSessionsOptions {
  /** The handle to mark `current`: the request's own session (`ctx.session.handle`). */
  current?: string | null
}

/** Options of `SessionAdmin.revokeAll`. */
export interface RevokeAllOptions {
  /** A handle to spare, whatever `keep` says: the request's own session (`ctx.session.handle`). */
  except?: string | null
  /**
   * How many live sessions the user keeps in all: the spared one first, then the most recently
   * used. Default 0: every session but the spared one is revoked. A per-user cap is
   * `revokeAll(userId, { except: ctx.session.handle, keep: max })` after the login is saved.
   */
  keep?: number
}

/**
 * A user's sessions, for "your devices" pages and for revoking. Shares the middleware's store,
 * clock, expiry rule and store deadline: a store that fails or is slower than `storeTimeoutMs`
 * rejects with `SessionStoreUnavailableError` (503 when thrown from a route; `outcome:
 * 'not-applied'` for a listing, `'unknown'` once a revocation was sent). Sessions are named by
 * handle, never by id: an id is the session's token when tokens are unsigned. A revoked session's
 * next request finds no session (`expired`; 401 `SESSION_EXPIRED` on a route that needs a login).
 *
 * To end the request's own session, call `ctx.session.destroy()` instead: the answer then tells
 * the client to drop its token.
 *
 * @example
 * const sessions = createSessionMiddleware({ store })
 * app.use(sessions)
 * router.get('/sessions', async (ctx) => {
 *   ctx.body = await sessions.admin.list(userId, { current: ctx.session.handle })
 * })
 */
export interface SessionAdmin {
  /**
   * The user's live sessions, most recently used first.
   *
   * @throws SessionStoreUnavailableError when the store fails or is too slow.
   * @throws TypeError when `userId` is not a string of 1 to 128 characters.
   */
  list(userId: string, options?: ListSessionsOptions): Promise<LiveSession[]>
  /**
   * Revoke the user's live session named `handle`. Resolves false when the user has none by that
   * handle (another user's session, an expired one, or a string that is no handle: no store call).
   *
   * @throws SessionStoreUnavailableError when the store fails or is too slow.
   * @throws TypeError when `userId` is not a string of 1 to 128 characters.
   */
  revoke(userId: string, handle: string): Promise<boolean>
  /**
   * Revoke the user's live sessions, but `except` and the `keep` most recently used ones.
   * Resolves how many were revoked.
   *
   * @throws SessionStoreUnavailableError when the store fails or is too slow.
   * @throws TypeError when `userId` is not a string of 1 to 128 characters, or `keep` is not an
   *   integer from 0 up.
   */
  revokeAll(userId: string, options?: RevokeAllOptions): Promise<number>
}

/** What the admin shares with its middleware. */
export interface SessionAdminDeps {
  store: SessionStore
  guard: StoreGuard
  now: () => number
  emit: (event: SessionEvent) => void
}

/** A session the admin found: the id stays in here. */
interface Found {
  id: string
  handle: string
  record: SessionRecord
}

const HANDLE = /^[A-Za-z0-9_-]{22}$/

/** The session admin of one middleware (`createSessionMiddleware(...).admin`). */
export function createSessionAdmin({ store, guard, now, emit }: SessionAdminDeps): SessionAdmin {
  /** The user's live sessions, most recently used first (then most recently created). */
  async function live(userId: string): Promise<Found[]> {
    checkUserId(userId)
    const listed = await guard('listByUser', store.listByUser(userId))
    const at = now()
    return listed
      .filter(({ record }) => record.userId === userId && expiredBy(record, at) === null)
      .sort(
        (a, b) =>
          b.record.lastSeenAt - a.record.lastSeenAt || b.record.createdAt - a.record.createdAt,
      )
      .map(({ id, record }) => ({ id, handle: sessionHandle(id), record }))
  }

  async function destroy(found: readonly Found[]): Promise<void> {
    await Promise.all(found.map(({ id }) => guard('destroy', store.destroy(id))))
    const at = now()
    for (const { id } of found) {
      emit({ type: 'destroyed', hint: tokenHint(id), reason: 'revoked', store: store.kind, at })
    }
  }

  return {
    async list(userId, options = {}) {
      const current = options.current ?? null
      return (await live(userId)).map(({ handle, record }) => ({
        handle,
        device: record.device,
        createdAt: record.createdAt,
        lastSeenAt: record.lastSeenAt,
        current: handle === current,
      }))
    },

    async revoke(userId, handle) {
      checkUserId(userId)
      if (typeof handle !== 'string') {
        throw new TypeError(`revoke: handle must be a string, got ${typeof handle}`)
      }
      if (!HANDLE.test(handle)) return false
      const target = (await live(userId)).find((found) => found.handle === handle)
      if (!target) return false
      await destroy([target])
      return true
    },

    async revokeAll(userId, options = {}) {
      const except = options.except ?? null
      const keep = options.keep ?? 0
      if (!Number.isSafeInteger(keep) || keep < 0) {
        throw new TypeError(`revokeAll: keep must be an integer from 0 up, got ${String(keep)}`)
      }
      const sessions = await live(userId)
      const spared = sessions.some((found) => found.handle === except) ? 1 : 0
      const others = sessions.filter((found) => found.handle !== except)
      const revoked = others.slice(Math.max(0, keep - spared))
      await destroy(revoked)
      return revoked.length
    },
  }
}

function checkUserId(userId: unknown): void {
  if (typeof userId !== 'string' || userId === '' || userId.length > 128) {
    throw new TypeError('session admin: userId must be a string of 1 to 128 characters')
  }
}
