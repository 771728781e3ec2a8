/** A value that survives `JSON.stringify` / `JSON.parse` unchanged. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject

/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue
}

/** A path of object keys from the top of the session data, e.g. `['cart', 'items', 'A1']`. */
export type SessionPath = readonly string[]

/** One change a request made to the session data. */
export type SessionOperation =
  | { readonly op: 'set'; readonly path: SessionPath; readonly value: JsonValue }
  | { readonly op: 'delete'; readonly path: SessionPath }

/** Everything a store keeps for one session. Times are epoch milliseconds. */
export interface SessionRecord {
  /** The session data (to a store, any JSON object; handlers type it with `SessionData`). */
  data: JsonObject
  userId: string | null
  device: string | null
  createdAt: number
  lastSeenAt: number
  idleExpiresAt: number
  absoluteExpiresAt: number
  /** Bumped by every commit; starts at 1. */
  version: number
}

/** The user a session is bound to (see `Session.setUser`). */
export interface SessionBinding {
  userId: string
  device: string | null
}

/** What a request changes in a stored record. */
export interface SessionCommit {
  /** Applied in order to the record as it is in the store at commit time. */
  operations: readonly SessionOperation[]
  /** `undefined` leaves the binding alone; `null` unbinds. */
  binding?: SessionBinding | null
  lastSeenAt: number
  idleExpiresAt: number
  /** Largest allowed size, in bytes, of the data encoded as JSON after the operations. */
  maxDataBytes: number
  /**
   * Optional fast path. The caller loaded the record at `base.version`, bound to `base.userId`;
   * `base.record` is what the stored record becomes if it is still at that version (the loaded
   * data with `operations` applied, the binding applied, the times updated, `version + 1`).
   * A store may write `base.record` as it is when the stored version still equals
   * `base.version` (and the data fits `maxDataBytes`); otherwise, or when `base` is absent,
   * it applies `operations` to the record as it is now. Either way the outcome is the same
   * (PROTOCOL rule 5). A store must encode or copy `base.record` before its first `await`:
   * the caller keeps using the data object.
   */
  base?: SessionCommitBase
}

/** See `SessionCommit.base`. */
export interface SessionCommitBase {
  /** The version of the record the caller loaded. */
  version: number
  /** The user the loaded record was bound to (for the user index). */
  userId: string | null
  /** The record as it is once the commit applies to the loaded version. */
  record: SessionRecord
}

/** The outcome of `SessionStore.commit`. */
export type CommitResult =
  | { status: 'applied'; version: number }
  /** The record is gone (destroyed or expired meanwhile): nothing was written. */
  | { status: 'missing' }
  /** The data would exceed `maxDataBytes`: nothing was written. */
  | { status: 'too-large'; bytes: number }

/** A session of one user, as `SessionStore.listByUser` reports it. */
export interface UserSession {
  id: string
  record: SessionRecord
}

/**
 * Server-side persistence of sessions. Every store passes the same contract suite
 * (`test/support/store-contract.ts` in the repository). Stores judge nothing: expiry is the middleware's call,
 * from the times in the record, so a store's own TTL is only a garbage collector.
 */
export interface SessionStore {
  /** A short name for logs and events (`memory`, `redis`, `sql:pg`...). */
  readonly kind: string
  /**
   * Load a record in one round trip, without writing: the idle expiry moves with commits, the
   * middleware's throttled touch (`touchIntervalMs`) included. `ttlMs` is the idle timeout, for
   * a store that wants it; the stores here need not. Resolves `null` when there is none; rejects
   * with `SessionRecordCorruptError` when what is stored cannot be read.
   */
  get(id: string, ttlMs: number): Promise<SessionRecord | null>
  /**
   * Store a new record. Never overwrites: resolves `false` when the id is taken. `dataJson`,
   * when given, is `record.data` already encoded as compact JSON (the middleware encodes it to
   * check its size): a store that keeps JSON may use it instead of encoding the data again.
   */
  create(id: string, record: SessionRecord, dataJson?: string): Promise<boolean>
  /** Apply a commit atomically to the record as it is now (PROTOCOL rule 5). */
  commit(id: string, commit: SessionCommit): Promise<CommitResult>
  /**
   * Delete a record (and its place in the user index), in one atomic step, and resolve with the
   * record as it was at that moment: `null` when there was none (deleting nothing is not an
   * error) or when it cannot be decoded. A login's `regenerate()` carries over, from this
   * record, the changes other requests committed to the old id since it was loaded.
   */
  destroy(id: string): Promise<SessionRecord | null>
  /** The records bound to a user, expired ones included (the caller filters). */
  listByUser(userId: string): Promise<UserSession[]>
  /** Resolves when the store answers. */
  ping(): Promise<void>
}
