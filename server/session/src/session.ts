import { createHash } from 'node:crypto'
import { createDataProxy } from './data-proxy'
import { SessionDataInvalidError } from './errors'
import { applyOperations, checkKey, toJsonValue, valueAt } from './operations'
import { SECRETS_KEY, type SecretSealer } from './session-secrets'
import type { DroppedReason, Session, SessionKey, SetUserOptions } from './session-api'
import type { SessionDataView } from './session-data'
import type {
  JsonObject,
  JsonValue,
  SessionBinding,
  SessionOperation,
  SessionPath,
  SessionRecord,
} from './types'

/** A stable, public name for a session id: not its token, and useless as one. */
export function sessionHandle(id: string): string {
  return createHash('sha256').update(`handle:${id}`).digest('base64url').slice(0, 22)
}

/** What a session asks of the request that owns it. */
export interface SessionOwner {
  save(session: RequestSession): Promise<void>
  /** Seals and opens the values of `setSecret`. */
  readonly sealer: SecretSealer
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

/** Refuse a path into the secrets' key (`setSecret` writes there, nothing else does). */
function refuseSecretsPath(path: SessionPath): void {
  if (path[0] === SECRETS_KEY) {
    throw new SessionDataInvalidError(path, `the key ${SECRETS_KEY} is kept for setSecret`)
  }
}

/** The data without the secrets' key (a copy only when it is there). */
function withoutSecrets(view: JsonObject): JsonObject {
  if (!Object.hasOwn(view, SECRETS_KEY)) return view
  const data = { ...view }
  delete data[SECRETS_KEY]
  return data
}

/**
 * The session of one request: what `ctx.session` is, behind the `Session` interface (handlers
 * see that; the id, the record and the pending changes are for the session context). Each
 * write is recorded as a path-level operation and applied to the local view at once.
 */
export class RequestSession implements Session {
  #id: string | null
  #record: SessionRecord | null
  #view: JsonObject
  #pending: PendingChanges = NO_CHANGES
  readonly #owner: SessionOwner
  #root: SessionDataView | undefined
  readonly #dropped: DroppedReason | null

  /** Built by the session context. */
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

  get dropped(): DroppedReason | null {
    return this.#dropped
  }

  get data(): SessionDataView {
    // The root proxy resolves the live view on every access, so one per session is enough.
    this.#root ??= createDataProxy(
      { view: () => this.#view, write: (operation) => this.#write(operation) },
      [],
    ) as SessionDataView
    return this.#root
  }

  set data(value: SessionDataView) {
    const data = toJsonValue(value ?? {}, [])
    if (typeof data === 'object' && data !== null && Object.hasOwn(data, SECRETS_KEY)) {
      refuseSecretsPath([SECRETS_KEY])
    }
    this.#write({ op: 'set', path: [], value: data })
  }

  get<K extends SessionKey>(key: K): SessionDataView[K]
  get<T extends JsonValue = JsonValue>(path: string | SessionPath): T | undefined
  get(path: string | SessionPath): JsonValue | undefined {
    const at = asPath(path)
    if (at[0] === SECRETS_KEY) return undefined
    const value = at.length === 0 ? withoutSecrets(this.#view) : valueAt(this.#view, at)
    return value === undefined ? undefined : structuredClone(value)
  }

  set<K extends SessionKey>(key: K, value: SessionDataView[K]): void
  set(path: SessionPath, value: JsonValue | undefined): void
  // Typed callers are checked at compile time; every value is checked here too (JS callers,
  // casts, values typed `any`).
  set(path: string | SessionPath, value: unknown): void {
    const at = asPath(path)
    at.forEach((_, i) => checkKey(at[i] as string, at.slice(0, i + 1)))
    refuseSecretsPath(at)
    if (value === undefined) return this.delete(at)
    this.#write({ op: 'set', path: at, value: toJsonValue(value, at) })
  }

  delete(path: string | SessionPath): void {
    const at = asPath(path)
    refuseSecretsPath(at)
    this.#write({ op: 'delete', path: at })
  }

  getSecret(name: string): string | undefined {
    const secrets = this.#view[SECRETS_KEY]
    if (typeof name !== 'string' || secrets === null || typeof secrets !== 'object')
      return undefined
    if (Array.isArray(secrets) || !Object.hasOwn(secrets, name)) {
      return undefined
    }
    const stored = secrets[name]
    return typeof stored === 'string' ? this.#owner.sealer.open(stored) : undefined
  }

  setSecret(name: string, value: string | undefined): void {
    if (typeof name !== 'string' || name === '' || name.length > 64) {
      throw new TypeError('setSecret: name must be a string of 1 to 64 characters')
    }
    if (value !== undefined && typeof value !== 'string') {
      throw new TypeError(`setSecret: the value of ${name} must be a string or undefined`)
    }
    const path = [SECRETS_KEY, name]
    if (value === undefined) this.#write({ op: 'delete', path })
    else this.#write({ op: 'set', path, value: this.#owner.sealer.seal(value) })
  }

  get isNew(): boolean {
    return this.#id === null || this.#pending.regenerate
  }

  get handle(): string | null {
    return this.#id === null ? null : sessionHandle(this.#id)
  }

  get userId(): string | null {
    const { binding } = this.#pending
    return binding === undefined ? (this.#record?.userId ?? null) : (binding?.userId ?? null)
  }

  get device(): string | null {
    const { binding } = this.#pending
    return binding === undefined ? (this.#record?.device ?? null) : (binding?.device ?? null)
  }

  get createdAt(): number | null {
    return this.#record?.createdAt ?? null
  }

  setUser(userId: string, options: SetUserOptions = {}): void {
    if (typeof userId !== 'string' || userId === '' || userId.length > 128) {
      throw new TypeError('setUser: userId must be a string of 1 to 128 characters')
    }
    const device = options.device ?? null
    if (device !== null && (typeof device !== 'string' || device.length > 128)) {
      throw new TypeError('setUser: device must be a string of at most 128 characters')
    }
    this.#changes().binding = { userId, device }
  }

  clearUser(): void {
    this.#changes().binding = null
  }

  regenerate(): void {
    if (this.#id !== null) this.#changes().regenerate = true
  }

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

  save(): Promise<void> {
    return this.#owner.save(this)
  }

  /** The session's id (null while new): its token, unless tokens are signed. */
  get id(): string | null {
    return this.#id
  }

  /** The stored record as loaded or last committed; null while new. */
  get record(): SessionRecord | null {
    return this.#record
  }

  /** The local view of the data, pending changes applied. */
  get view(): JsonObject {
    return this.#view
  }

  /** The changes not stored yet. */
  get pending(): PendingChanges {
    return this.#pending
  }

  /**
   * After a commit: the stored state is now `record` under `id`, its data `view` (the local
   * view, unless the store's record was rebased on other requests' commits).
   */
  settle(id: string | null, record: SessionRecord | null, view: JsonObject = this.#view): void {
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
    const secrets = path.length === 0 ? this.#view[SECRETS_KEY] : undefined
    this.#view = applyOperations(this.#view, [operation])
    // Replacing or clearing the data keeps the secrets: only destroy() ends them.
    if (secrets !== undefined) {
      const keep: SessionOperation = { op: 'set', path: [SECRETS_KEY], value: secrets }
      pending.operations.push(keep)
      this.#view = applyOperations(this.#view, [keep])
    }
  }
}
