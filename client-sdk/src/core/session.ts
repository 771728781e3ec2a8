import { ProtocolError } from '../errors/protocol-error'
import { StorageError } from '../errors/storage-error'
import { readHeader } from './headers'
import { isWellFormedToken, redact } from './token'
import type { RawHeaders, Storage } from './types'

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

const STATUSES = ['created', 'rotated', 'expired', 'invalid', 'destroyed']
const noop = (): void => undefined

/** Settings of {@link createSession}. */
export interface SessionSettings {
  readonly storage: Storage
  readonly storageKey: string
  readonly headerName: string
  readonly onChange?: (event: SessionChangeEvent) => void
  /** Receives storage failures; without it they reject the call during which they happened. */
  readonly onStorageError?: (error: StorageError) => void
}

/** The token state machine: memory is the truth, storage only persists it. */
export interface Session {
  readonly token: string | null
  readonly generation: number
  /** Reads the stored token once (boot). */
  restore(): Promise<void>
  /** Replaces the token (`null` clears), bumps the generation, persists. */
  set(token: string | null, reason: SessionChangeReason): Promise<void>
  /** Bumps the generation without a token change (a login starts). */
  bump(): void
  /**
   * Inspects a response to a request sent under `sentGeneration`. Throws `ProtocolError` for a
   * malformed or duplicated header; returns the pending storage write, if any.
   */
  apply(sentGeneration: number, headers: RawHeaders): Promise<void> | undefined
}

/** Creates the session state machine for one client. */
export function createSession(settings: SessionSettings): Session {
  const { storage, storageKey: key, headerName, onChange, onStorageError } = settings
  let token: string | null = null
  let generation = 0
  let writes: Promise<unknown> = Promise.resolve()

  // A storage failure goes to the hook; without one it rejects whoever awaits the write.
  const fail = (operation: StorageError['operation']) => (cause: unknown) => {
    const error = new StorageError(operation, cause)
    if (!onStorageError) throw error
    onStorageError(error)
  }
  // Writes run one after another, so a slow asynchronous storage cannot reorder them.
  const persist = (value: string | null): Promise<void> => {
    const done = writes.then(() => (value === null ? storage.remove(key) : storage.set(key, value)))
    writes = done.then(noop, noop)
    return done.then(noop, fail(value === null ? 'remove' : 'write'))
  }

  const session: Session = {
    get token() {
      return token
    },
    get generation() {
      return generation
    },
    restore: () =>
      Promise.resolve()
        .then(() => storage.get(key))
        .then((stored) => {
          if (!stored || token !== null) return
          // A corrupted value is dropped, not sent.
          return isWellFormedToken(stored) ? session.set(stored, 'restored') : persist(null)
        }, fail('read')),
    set(next, reason) {
      token = next
      generation++
      if (onChange) {
        const tokenPreview = next && redact(next)
        onChange({ reason, hasToken: !!next, tokenPreview, generation })
      }
      return reason === 'restored' ? Promise.resolve() : persist(next)
    },
    bump() {
      generation++
    },
    apply(sentGeneration, headers) {
      const value = readHeader(headers, headerName)
      const status = readHeader(headers, headerName + '-Status') || ''
      const reason = (fallback: SessionChangeReason) =>
        STATUSES.indexOf(status) >= 0 ? (status as SessionChangeReason) : fallback
      if (value && !isWellFormedToken(value)) {
        // Never echo the value: it may hold a token.
        throw new ProtocolError(`Malformed or duplicated ${headerName} response header`)
      }
      if (sentGeneration !== generation) return undefined
      if (value)
        return value === token
          ? undefined
          : session.set(value, reason(token ? 'rotated' : 'created'))
      // An empty value means "drop yours"; some platforms drop empty headers, so a dropping
      // status alone counts too.
      if (token && (value === '' || STATUSES.indexOf(status) > 1))
        return session.set(null, reason('destroyed'))
      return undefined
    },
  }
  return session
}
