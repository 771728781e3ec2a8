import { ProtocolError } from '../errors/protocol-error'
import { StorageError } from '../errors/storage-error'
import { readHeader } from './headers'
import type { ResolvedClientOptions } from './options'
import { isWellFormedToken } from './token'
import type { RawHeaders } from './types'
import { noop } from './util'

/** Why the token changed: the server's `X-Header-Session-Status`, or a client-side event. */
export type SessionChangeReason =
  | 'created'
  | 'rotated'
  | 'expired'
  | 'invalid'
  | 'destroyed'
  | 'restored'
  | 'login'
  | 'logout'
  | 'rejected'

/** Passed to `onSessionChange`. It never holds the full token. */
export interface SessionChangeEvent {
  readonly reason: SessionChangeReason
  readonly hasToken: boolean
  /** At most 6 characters of the new token, for debugging; `null` when cleared. */
  readonly tokenPreview: string | null
  /** Bumped on every change; responses to requests sent under an older one are ignored. */
  readonly generation: number
}

// Server statuses: from index 2 on, they mean "the session is gone".
const STATUSES = ['created', 'rotated', 'expired', 'invalid', 'destroyed']

/** The token state machine: memory is the truth, storage only persists it. */
export interface Session {
  /** The token; change it only through `set`. */
  token: string | null
  /** Bumped on every change, and when a login starts. */
  generation: number
  /** Reads the stored token once (boot). */
  restore(): Promise<unknown>
  /** Replaces the token (`null` clears), bumps the generation, persists. */
  set(token: string | null, reason: SessionChangeReason): Promise<void>
  /**
   * Inspects a response to a request sent under `sentGeneration`, at once. Rejects with
   * `ProtocolError` for a malformed or duplicated header; resolves once storage is written.
   */
  apply(sentGeneration: number, headers: RawHeaders | undefined): Promise<void>
}

/** Creates the session state machine of one client. */
export function createSession(o: ResolvedClientOptions): Session {
  const { storage, storageKey: key, headerName, hooks } = o
  let writes: Promise<unknown> = Promise.resolve()

  // A storage failure goes to the hook; without one it rejects whoever awaits the write.
  const fail = (operation: StorageError['operation']) => (cause: unknown) => {
    const error = new StorageError(operation, cause)
    if (!hooks.onStorageError) throw error
    hooks.onStorageError(error)
  }
  // Writes run one after another, so a slow asynchronous storage cannot reorder them; a failed
  // one does not stop the next.
  const persist = (value: string | null): Promise<void> => {
    writes = writes.catch(noop).then(() => (value ? storage.set(key, value) : storage.remove(key)))
    return writes.then(noop, fail(value ? 'write' : 'remove'))
  }

  const session: Session = {
    token: null,
    generation: 0,
    restore: () =>
      new Promise<string | null | undefined>((resolve) => resolve(storage.get(key))).then<
        unknown,
        void
      >(
        (stored) =>
          // A corrupted value is dropped, not sent.
          stored && (isWellFormedToken(stored) ? session.set(stored, 'restored') : persist(null)),
        fail('read'),
      ),
    async set(token, reason) {
      session.token = token
      const generation = ++session.generation
      if (hooks.onSessionChange) {
        // At most 6 characters of the token (fewer for short ones).
        const tokenPreview = token && token.slice(0, Math.min(6, token.length >> 1)) + '…'
        hooks.onSessionChange({ reason, hasToken: !!token, tokenPreview, generation })
      }
      if (reason !== 'restored') await persist(token)
    },
    async apply(sentGeneration, headers) {
      const value = readHeader(headers, headerName)
      const status = readHeader(headers, headerName + '-Status') as SessionChangeReason
      const token = session.token
      // Never echo the value: it may hold a token.
      if (value && !isWellFormedToken(value))
        throw new ProtocolError(`Malformed ${headerName} response header`)
      // A new value replaces the token; an empty one means "drop yours", and so does a dropping
      // status alone (some platforms drop empty headers).
      const known = STATUSES.indexOf(status)
      if (
        sentGeneration === session.generation &&
        (value ? value !== token : token && (value === '' || known > 1))
      ) {
        const fallback = value ? (token ? 'rotated' : 'created') : 'destroyed'
        await session.set(value || null, known < 0 ? fallback : status)
      }
    },
  }
  return session
}
