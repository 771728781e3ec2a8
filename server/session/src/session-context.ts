import type { Context } from 'koa'
import { SessionConflictError, SessionDataTooLargeError, SessionRecordCorruptError } from './errors'
import type { SessionEvent } from './events'
import { expiredBy } from './expiry'
import { applyOperations } from './operations'
import type { ResolvedSessionMiddlewareOptions } from './options'
import { RequestSession, type SessionOwner } from './session'
import type { SecretSealer } from './session-secrets'
import type { StoreGuard } from './store-guard'
import { newSessionId, readToken, tokenFor, tokenHint, type TokenReading } from './token'
import type { SessionBinding, SessionOperation, SessionRecord } from './types'

/** Values of the status header (PROTOCOL). */
export type SessionStatus = 'created' | 'rotated' | 'expired' | 'invalid' | 'destroyed'

/**
 * The per-request decisions: read and verify the token, load the record, commit the changes,
 * and say which headers go out. One instance per request.
 */
export class SessionContext implements SessionOwner {
  /** The token change to announce, if any. */
  outgoing: { token: string; status: SessionStatus } | null = null
  readonly #o: ResolvedSessionMiddlewareOptions
  readonly #emit: (event: SessionEvent) => void
  readonly #guard: StoreGuard
  readonly #reading: TokenReading
  readonly #ctx: Context
  #touchDue = false
  readonly sealer: SecretSealer

  constructor(
    o: ResolvedSessionMiddlewareOptions,
    emit: (e: SessionEvent) => void,
    guard: StoreGuard,
    sealer: SecretSealer,
    ctx: Context,
    header: string | undefined,
  ) {
    this.#o = o
    this.#emit = emit
    this.#guard = guard
    this.sealer = sealer
    this.#ctx = ctx
    this.#reading = readToken(header, o.secrets)
  }

  /** The request's session when it needs no store (no token, or a malformed one); else null. */
  loadWithoutStore(): RequestSession | null {
    const reading = this.#reading
    if (reading.kind === 'none') return new RequestSession(this, null, null)
    if (reading.kind === 'malformed') {
      this.#event('invalid', undefined, reading.reason)
      this.outgoing = { token: '', status: 'invalid' }
      return new RequestSession(this, null, null, 'invalid')
    }
    return null
  }

  /** Build the request's session: at most one store round trip, none without a valid token. */
  async load(): Promise<RequestSession> {
    const reading = this.#reading
    if (reading.kind !== 'valid') return this.loadWithoutStore()!
    const { id } = reading
    let record: SessionRecord | null
    try {
      record = await this.#guard('get', this.#o.store.get(id, this.#o.idleTimeoutMs))
    } catch (error) {
      if (!(error instanceof SessionRecordCorruptError)) throw error
      this.#event('invalid', id, error.message)
      this.#forget(id)
      this.outgoing = { token: '', status: 'invalid' }
      return new RequestSession(this, null, null, 'invalid')
    }
    const now = this.#o.now()
    if (record === null) {
      this.#event('missed', id)
      this.outgoing = { token: '', status: 'expired' }
      return new RequestSession(this, null, null, 'expired')
    }
    const expired = expiredBy(record, now)
    if (expired !== null) {
      this.#event('expired', id, expired)
      this.#forget(id)
      this.outgoing = { token: '', status: 'expired' }
      return new RequestSession(this, null, null, 'expired')
    }
    this.#event('loaded', id)
    this.#touchDue = now - record.lastSeenAt >= this.#o.touchIntervalMs
    if (reading.stale) this.outgoing = { token: tokenFor(id, this.#o.secrets), status: 'rotated' }
    return new RequestSession(this, id, record)
  }

  /** `session.save()`: commit what is pending now. */
  save(session: RequestSession): Promise<void> {
    return this.commit(session)
  }

  /** Whether `commit` has anything to do: a change, a pending destroy or a due touch. */
  mustCommit(session: RequestSession): boolean {
    const { operations, binding, regenerate, destroyId } = session.pending
    return (
      operations.length > 0 ||
      binding !== undefined ||
      regenerate ||
      destroyId !== null ||
      (this.#touchDue && session.id !== null)
    )
  }

  /** Store what the request changed (PROTOCOL rule 5) and settle the session. */
  async commit(session: RequestSession): Promise<void> {
    const { store } = this.#o
    const pending = session.pending
    const writes = pending.operations.length > 0 || pending.binding !== undefined
    if (pending.destroyId !== null) {
      await this.#guard('destroy', store.destroy(pending.destroyId))
      this.#event('destroyed', pending.destroyId)
      this.outgoing = { token: '', status: 'destroyed' }
      session.pending.destroyId = null
    }
    const id = session.id
    if (id !== null && pending.regenerate) {
      await this.#regenerate(session, id)
    } else if (id !== null && session.record && (writes || this.#touchDue)) {
      await this.#update(session, id, session.record)
    } else if (id === null && writes) {
      await this.#create(session, 'created')
    } else {
      session.settle(id, session.record)
    }
    this.#touchDue = false
  }

  /** Headers that carry the outcome (PROTOCOL rule 4). */
  headers(): Record<string, string> {
    const { headerName, statusHeaderName } = this.#o
    if (!this.outgoing) return {}
    return {
      [headerName]: this.outgoing.token,
      [statusHeaderName]: this.outgoing.status,
      'Cache-Control': 'private, no-store',
    }
  }

  async #create(session: RequestSession, status: 'created' | 'rotated'): Promise<void> {
    const { store, maxDataBytes, idleTimeoutMs, absoluteTimeoutMs } = this.#o
    // Encoded once: the store gets the text with the record (`SessionStore.create`).
    const json = JSON.stringify(session.view)
    const bytes = Buffer.byteLength(json)
    if (bytes > maxDataBytes) throw new SessionDataTooLargeError(bytes, maxDataBytes)
    const now = this.#o.now()
    const record: SessionRecord = {
      data: session.view,
      userId: session.userId,
      device: session.device,
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: now + idleTimeoutMs,
      absoluteExpiresAt: now + absoluteTimeoutMs,
      version: 1,
    }
    if (status === 'created' && this.#o.beforeCreate) await this.#o.beforeCreate(this.#ctx)
    let id = newSessionId()
    // A 256-bit collision is not going to happen; if the store says it did, draw again once.
    if (!(await this.#guard('create', store.create(id, record, json)))) {
      id = newSessionId()
      if (!(await this.#guard('create', store.create(id, record, json))))
        throw new Error('Session id collision')
    }
    this.#event(status, id)
    this.outgoing = { token: tokenFor(id, this.#o.secrets), status }
    session.settle(id, record)
  }

  async #update(session: RequestSession, id: string, record: SessionRecord): Promise<void> {
    const { store, maxDataBytes, idleTimeoutMs } = this.#o
    const pending = session.pending
    const now = this.#o.now()
    // The view is the loaded data with the pending operations applied: what the record becomes
    // if nobody committed since it was loaded (the store's fast path, `SessionCommit.base`).
    const next: SessionRecord = {
      data: session.view,
      userId: session.userId,
      device: session.device,
      createdAt: record.createdAt,
      lastSeenAt: now,
      idleExpiresAt: now + idleTimeoutMs,
      absoluteExpiresAt: record.absoluteExpiresAt,
      version: record.version + 1,
    }
    const result = await this.#guard(
      'commit',
      store.commit(id, {
        operations: pending.operations,
        binding: pending.binding,
        lastSeenAt: now,
        idleExpiresAt: next.idleExpiresAt,
        maxDataBytes,
        base: { version: record.version, userId: record.userId, record: next },
      }),
    )
    if (result.status === 'too-large')
      throw new SessionDataTooLargeError(result.bytes, maxDataBytes)
    if (result.status === 'missing') {
      // Destroyed or replaced (logout, revoke, a login on the same token) since the load: the
      // commit is dropped, never resurrected. No token header goes out: the client may already
      // hold the token of the login that replaced this session, and learns the rest on its next
      // request. A request that only read the session loses nothing and succeeds; one that
      // wrote must not look like it stored anything (409).
      this.outgoing = null
      session.settle(null, null)
      const writes = pending.operations.length > 0 || pending.binding !== undefined
      this.#event('conflict', id, writes ? 'the session went away; changes dropped' : 'touch')
      if (writes) throw new SessionConflictError()
      return
    }
    next.version = result.version
    session.settle(id, next)
  }

  /**
   * `regenerate()`: the session moves to a new id, and the old id is gone. The new record is
   * made first (from the data as loaded, with this request's changes), then the old one is
   * deleted in one step that returns it as it was then. Commits other requests made to the old id
   * in between (a cart write racing a login) are in that record: they are carried over by
   * applying this request's changes to it. Commits after the deletion find no record and fail
   * (409). If the store fails before the old id is gone, the request fails (503) and the new
   * token is not sent: the client stays on its old session.
   */
  async #regenerate(session: RequestSession, oldId: string): Promise<void> {
    const { store } = this.#o
    const loadedVersion = session.record?.version
    const { operations, binding } = session.pending
    await this.#create(session, 'rotated')
    const newId = session.id!
    const outgoing = this.outgoing
    this.outgoing = null
    // Until the old id is gone the new token is not sent: a failure here leaves the client on
    // its old session, which still holds everything.
    const old = await this.#guard('destroy', store.destroy(oldId))
    this.outgoing = outgoing
    if (old !== null && old.version !== loadedVersion) {
      await this.#carryOver(session, newId, old, operations, binding)
    }
  }

  /** Rebase a regenerated session on `old` (the old id's record when it was deleted). */
  async #carryOver(
    session: RequestSession,
    id: string,
    old: SessionRecord,
    operations: readonly SessionOperation[],
    binding: SessionBinding | null | undefined,
  ): Promise<void> {
    const { store, maxDataBytes, idleTimeoutMs } = this.#o
    const now = this.#o.now()
    const rebased: SessionOperation[] = [{ op: 'set', path: [], value: old.data }, ...operations]
    const carried: SessionBinding | null =
      binding !== undefined
        ? binding
        : old.userId === null
          ? null
          : { userId: old.userId, device: old.device }
    const result = await this.#guard(
      'commit',
      store.commit(id, {
        operations: rebased,
        binding: carried,
        lastSeenAt: now,
        idleExpiresAt: now + idleTimeoutMs,
        maxDataBytes,
      }),
    )
    if (result.status === 'too-large') {
      throw new SessionDataTooLargeError(result.bytes, maxDataBytes)
    }
    if (result.status === 'missing') throw new SessionConflictError()
    const record: SessionRecord = {
      ...session.record!,
      data: applyOperations(old.data, operations),
      userId: carried?.userId ?? null,
      device: carried?.device ?? null,
      lastSeenAt: now,
      idleExpiresAt: now + idleTimeoutMs,
      version: result.version,
    }
    session.settle(id, record, record.data)
  }

  /** Delete an unusable record without making the request wait for it. */
  #forget(id: string): void {
    this.#guard('destroy', this.#o.store.destroy(id)).catch(() => {})
  }

  #event(type: SessionEvent['type'], id?: string, reason?: string): void {
    // Nobody listens for it: nothing to build (this runs on every request with a token).
    if (!this.#o.onEvent || !this.#o.eventTypes.has(type)) return
    const event: SessionEvent = { type, store: this.#o.store.kind, at: this.#o.now() }
    if (id !== undefined) event.hint = tokenHint(id)
    if (reason !== undefined) event.reason = reason
    this.#emit(event)
  }
}
