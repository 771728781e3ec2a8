import { createHash } from 'node:crypto'
import { createDataProxy } from './data-proxy'
import { applyOperations, checkKey, toJsonValue, valueAt } from './operations'
import type {
  JsonValue,
  SessionBinding,
  SessionData,
  SessionOperation,
  SessionPath,
  SessionRecord,
} from './types'

/** A stable, public name for a session: not its token, and useless as one. */
export function sessionHandle(id: string): string {
  return createHash('sha256').update(`handle:${id}`).digest('base64url').slice(0, 22)
}

/** Why a request's token was dropped at load (see `Session.dropped`). */
export type DroppedReason = 'expired' | 'invalid'

/** What a session asks of the request that owns it. */
export interface SessionOwner {
  save(session: Session): Promise<void>
}

/** The changes a session holds that are not stored yet (read by the session context). */
export interface PendingChanges {
  operations: SessionOperation[]
  binding: SessionBinding | null | undefined
  regenerate: boolean
  destroyId: string | null
}

/**
 * The pending changes of a session that has none: one frozen object shared by all of them (most
 * requests change nothing); the first change gives a session its own (`#changes`).
 */
const NO_CHANGES: PendingChanges = Object.freeze({
  operations: Object.freeze([]) as unknown as SessionOperation[],
  binding: undefined,
  regenerate: false,
  destroyId: null,
})

const asPath = (path: string | SessionPath): SessionPath =>
  typeof path === 'string' ? [path] : path

/**
 * The session of one request, as `ctx.session`. Reads and writes go through `data` (or
 * `get`/`set`/`delete`); each write is recorded as a path-level operation, committed after
 * the handler returns (PROTOCOL rule 5). Nothing is stored for a session nobody wrote to.
 */
export class Session {
  #id: string | null
  #record: SessionRecord | null
  #view: SessionData
  #pending: PendingChanges = NO_CHANGES
  readonly #owner: SessionOwner
  #root: SessionData | undefined
  readonly #dropped: DroppedReason | null

  /** @internal Built by the middleware. */
  constructor(
    owner: SessionOwner,
    id: string | null,
    record: SessionRecord | null,
    dropped: DroppedReason | null = null,
  ) {
    this.#owner = owner
    this.#id = id
    this.#record = record
    this.#view = record ? record.data : {}
    this.#dropped = dropped
  }

  /**
   * Why the request's token gave no session: `expired` (unknown, expired or revoked record),
   * `invalid` (malformed token or unreadable record), or null (no token, or it loaded). Lets a
   * route tell `SESSION_EXPIRED` from `SESSION_REQUIRED` (PROTOCOL rule 7).
   */
  get dropped(): DroppedReason | null {
    return this.#dropped
  }

  /** The session data, live. Assign, delete and mutate it like a plain object of JSON. */
  get data(): SessionData {
    // The root proxy resolves the live view on every access, so one per session is enough.
    this.#root ??= createDataProxy(
      { view: () => this.#view, write: (operation) => this.#write(operation) },
      [],
    ) as SessionData
    return this.#root
  }

  /** Replace the whole data (`{}` clears it). */
  set data(value: SessionData) {
    this.#write({ op: 'set', path: [], value: toJsonValue(value ?? {}, []) })
  }

  /** The value at a key or path, as a copy. */
  get<T extends JsonValue = JsonValue>(path: string | SessionPath): T | undefined {
    const value = valueAt(this.#view, asPath(path))
    return value === undefined ? undefined : (structuredClone(value) as T)
  }

  /** Set the value at a key or path; missing parents become objects. Throws on non-JSON. */
  set(path: string | SessionPath, value: unknown): void {
    const at = asPath(path)
    at.forEach((_, i) => checkKey(at[i] as string, at.slice(0, i + 1)))
    if (value === undefined) return this.delete(at)
    this.#write({ op: 'set', path: at, value: toJsonValue(value, at) })
  }

  /** Delete the value at a key or path. */
  delete(path: string | SessionPath): void {
    this.#write({ op: 'delete', path: asPath(path) })
  }

  /** True while no stored record backs this session (nothing written yet, or destroyed). */
  get isNew(): boolean {
    return this.#id === null || this.#pending.regenerate
  }

  /** A public name for this session (see `sessionHandle`), or null while it is new. */
  get handle(): string | null {
    return this.#id === null ? null : sessionHandle(this.#id)
  }

  /** The user this session is bound to. */
  get userId(): string | null {
    const { binding } = this.#pending
    return binding === undefined ? (this.#record?.userId ?? null) : (binding?.userId ?? null)
  }

  /** The device label of the binding. */
  get device(): string | null {
    const { binding } = this.#pending
    return binding === undefined ? (this.#record?.device ?? null) : (binding?.device ?? null)
  }

  /** When the stored record was created (epoch ms), or null while new. */
  get createdAt(): number | null {
    return this.#record?.createdAt ?? null
  }

  /** Bind the session to a user so the store can list and revoke the user's sessions. */
  setUser(userId: string, options: { device?: string | null } = {}): void {
    if (typeof userId !== 'string' || userId === '' || userId.length > 128) {
      throw new TypeError('setUser: userId must be a string of 1 to 128 characters')
    }
    const device = options.device ?? null
    if (device !== null && (typeof device !== 'string' || device.length > 128)) {
      throw new TypeError('setUser: device must be a string of at most 128 characters')
    }
    this.#changes().binding = { userId, device }
  }

  /** Unbind the session from its user. */
  clearUser(): void {
    this.#changes().binding = null
  }

  /** Issue a new id at commit (data and binding kept, old id gone); use it at login. */
  regenerate(): void {
    if (this.#id !== null) this.#changes().regenerate = true
  }

  /** End the session: the store forgets it and the client is told to drop its token. */
  destroy(): void {
    this.#pending = {
      operations: [],
      binding: undefined,
      regenerate: false,
      destroyId: this.#id ?? this.#pending.destroyId,
    }
    this.#id = null
    this.#record = null
    this.#view = {}
  }

  /** Commit now instead of after the handler (then the commit survives a later throw). */
  save(): Promise<void> {
    return this.#owner.save(this)
  }

  /** @internal */
  get id(): string | null {
    return this.#id
  }

  /** @internal */
  get record(): SessionRecord | null {
    return this.#record
  }

  /** @internal The local view of the data with pending changes applied. */
  get view(): SessionData {
    return this.#view
  }

  /** @internal */
  get pending(): PendingChanges {
    return this.#pending
  }

  /**
   * @internal After a commit: the stored state is now `record` under `id`, its data `view`
   * (the local view, unless the store's record was rebased on other requests' commits).
   */
  settle(id: string | null, record: SessionRecord | null, view: SessionData = this.#view): void {
    this.#id = id
    this.#record = record
    this.#view = view
    if (record) record.data = view
    this.#pending = NO_CHANGES
  }

  /** The session's own pending changes, to change (made on the first change). */
  #changes(): PendingChanges {
    if (this.#pending === NO_CHANGES) {
      this.#pending = { operations: [], binding: undefined, regenerate: false, destroyId: null }
    }
    return this.#pending
  }

  #write(operation: SessionOperation): void {
    const { path } = operation
    const isCovered = (p: SessionPath): boolean =>
      p.length >= path.length && path.every((key, i) => p[i] === key)
    // An operation supersedes earlier ones at or below its path.
    const pending = this.#changes()
    const earlier = pending.operations
    pending.operations =
      earlier.length === 0 ? [operation] : [...earlier.filter((o) => !isCovered(o.path)), operation]
    this.#view = applyOperations(this.#view, [operation])
  }
}
