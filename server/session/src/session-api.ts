import type { SessionData, SessionDataView } from './session-data'
import type { JsonValue, SessionPath } from './types'

/** Why a request's token was dropped at load (see `Session.dropped`). */
export type DroppedReason = 'expired' | 'invalid'

/** The keys of `SessionData`: yours, declared by merging, and any other string. */
export type SessionKey = keyof SessionData & string

/** Options of `Session.setUser`. */
export interface SetUserOptions {
  /** A label for the user's list of sessions (`'iPhone'`, a user agent…); at most 128 characters. */
  device?: string | null
}

/**
 * The request's session, as `ctx.session`. Reads and writes go through `data` (or
 * `get`/`set`/`delete`); each write is recorded as a path-level operation and committed after
 * the handler returns, before the response is sent (PROTOCOL rule 5). Nothing is stored for a
 * session nobody writes to. It never hands out its id: `handle` names it instead.
 *
 * @example
 * app.use((ctx) => {
 *   const views = (ctx.session.get('views') ?? 0) + 1 // typed by your `SessionData`
 *   ctx.session.set('views', views)
 *   ctx.body = { views }
 * })
 */
export interface Session {
  /**
   * The data, live: read, assign, delete and mutate it like a plain JSON object. A write inside
   * an array records the whole (outermost) array. Assign `{}` to clear everything.
   *
   * @throws SessionDataInvalidError when a value is not JSON (a `Date`, a `Map`, a class
   *   instance, a function, `NaN`, a cycle), at the assignment.
   */
  data: SessionDataView
  /** A copy of the value at a key (typed by your `SessionData`), or `undefined`. */
  get<K extends SessionKey>(key: K): SessionDataView[K]
  /** A copy of the value at a key or path (`['cart', 'items', 'A1']`), or `undefined`. */
  get<T extends JsonValue = JsonValue>(path: string | SessionPath): T | undefined
  /**
   * Set the value at a key; `undefined` deletes it.
   *
   * @throws SessionDataInvalidError when the value is not JSON.
   */
  set<K extends SessionKey>(key: K, value: SessionDataView[K]): void
  /**
   * Set the value at a path; missing parents become objects, `undefined` deletes it.
   *
   * @throws SessionDataInvalidError when the value is not JSON.
   */
  set(path: SessionPath, value: JsonValue | undefined): void
  /** Delete the value at a key or path (nothing happens when there is none). */
  delete(path: SessionKey | SessionPath): void
  /**
   * A value kept with the session on the server only, such as WeChat's `session_key`: never in
   * `data` (a route that sends `ctx.session.data` cannot send it), nor in `get`, events or
   * errors. `undefined` when there is none, or when no configured `encryptionKeys` opens it.
   */
  getSecret(name: string): string | undefined
  /**
   * Keep (or with `undefined`, remove) a server-only value. It is committed with the data,
   * kept across `regenerate()` and data replacement, and removed with the session. With the
   * middleware's `encryptionKeys` it is stored encrypted (AES-256-GCM); without, as it is.
   *
   * @throws TypeError when `name` is not a string of 1 to 64 characters or `value` is not a
   *   string.
   */
  setSecret(name: string, value: string | undefined): void
  /** True while no stored record backs the session (nothing written yet, or destroyed). */
  readonly isNew: boolean
  /**
   * A public name for the session: stable for its life, not its token, and useless as one. The
   * session admin (`createSessionMiddleware(...).admin`) lists and revokes sessions by it. Null
   * while the session is new.
   */
  readonly handle: string | null
  /** The user the session is bound to (`setUser`), or null. */
  readonly userId: string | null
  /** The device label of the binding, or null. */
  readonly device: string | null
  /** When the stored record was created (epoch ms), or null while the session is new. */
  readonly createdAt: number | null
  /**
   * Why the request's token gave no session: `expired` (unknown, expired or revoked record),
   * `invalid` (malformed token or unreadable record), or null (no token, or it loaded). Lets a
   * route tell `SESSION_EXPIRED` from `SESSION_REQUIRED` (PROTOCOL rule 7).
   */
  readonly dropped: DroppedReason | null
  /**
   * Bind the session to a user, so that the session admin can list and revoke the user's
   * sessions. Call `regenerate()` with it at login.
   *
   * @throws TypeError when `userId` is not a string of 1 to 128 characters, or `device` is
   *   longer than 128.
   */
  setUser(userId: string, options?: SetUserOptions): void
  /** Unbind the session from its user (the data stays). */
  clearUser(): void
  /** Issue a new id at commit (data and binding kept, old id gone): call it at login. */
  regenerate(): void
  /** End the session: the store forgets it and the client is told to drop its token. */
  destroy(): void
  /**
   * Commit now instead of after the handler: the commit then survives a later throw.
   *
   * @throws SessionStoreUnavailableError, SessionDataTooLargeError, SessionConflictError as
   *   the commit after the handler would.
   */
  save(): Promise<void>
}
