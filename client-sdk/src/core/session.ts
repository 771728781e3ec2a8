import { ProtocolError } from '../errors/protocol-error'
import { StorageError } from '../errors/storage-error'
import { readHeader } from './headers'
import type { ResolvedClientOptions } from './options'
import { isWellFormedToken, redact } from './token'
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
  readonly token: string | null
  readonly generation: number
  /** Reads the stored token once (boot). */
  restore(): Promise<unknown>
  /** Replaces the token (`null` clears), bumps the generation, persists. */
  set(token: string | null, reason: SessionChangeReason): Promise<void>
  /** Bumps the generation without a token change (a login starts). */
  bump(): void
  /**
   * Inspects a response to a request sent under `sentGeneration`, at once. Rejects with
   * `ProtocolError` for a malformed or duplicated header; resolves once storage is written.
   */
  apply(sentGeneration: number, headers: RawHeaders | undefined): Promise<void>
}

/** Creates the session state machine of one client. */
export function createSession(o: ResolvedClientOptions): Session {
  const { storage, storageKey: key, headerName, hooks } = o
  let token: string | null = null
  let generation = 0
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
    get token() {
      return token
    },
    get generation() {
      return generation
    },
    restore: () =>
      new Promise<string | null | undefined>((resolve) => resolve(storage.get(key))).then(
        (stored) => {
          // A corrupted value is dropped, not sent.
          if (stored)
            return isWellFormedToken(stored) ? session.set(stored, 'restored') : persist(null)
        },
        fail('read'),
      ),
    async set(next, reason) {
      token = next
      generation++
      if (hooks.onSessionChange) {
        const tokenPreview = next && redact(next)
        hooks.onSessionChange({ reason, hasToken: !!next, tokenPreview, generation })
      }
      if (reason !== 'restored') await persist(next)
    },
    bump() {
      generation++
    },
    async apply(sentGeneration, headers) {
      const value = readHeader(headers, headerName)
      const status = readHeader(headers, headerName + '-Status')
      const known = STATUSES.indexOf(status as string)
      const reason = (fallback: SessionChangeReason) =>
        known < 0 ? fallback : (status as SessionChangeReason)
      // Never echo the value: it may hold a token.
      if (value && !isWellFormedToken(value))
        throw new ProtocolError(`Malformed ${headerName} response header`)
      if (sentGeneration !== generation) return
      if (value) {
        if (value !== token) await session.set(value, reason(token ? 'rotated' : 'created'))
      } else if (token && (value === '' || known > 1)) {
        // An empty value means "drop yours"; some platforms drop empty headers, so a dropping
        // status alone counts too.
        await session.set(null, reason('destroyed'))
      }
    },
  }
  return session
}
