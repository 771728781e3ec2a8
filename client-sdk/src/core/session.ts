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

const DROP_STATUSES = ['expired', 'invalid', 'destroyed']

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

  const persist = (operation: 'write' | 'remove', write: () => unknown): Promise<void> => {
    const done = writes.then(write)
    writes = done.then(undefined, () => undefined)
    return done.then(
      () => undefined,
      (cause) => fail(new StorageError(operation, cause)),
    )
  }
  const fail = (error: StorageError): void => {
    if (!onStorageError) throw error
    onStorageError(error)
  }

  const session: Session = {
    get token() {
      return token
    },
    get generation() {
      return generation
    },
    restore() {
      return Promise.resolve()
        .then(() => storage.get(key))
        .then(
          (stored) => {
            if (!stored || token !== null) return
            if (!isWellFormedToken(stored)) return persist('remove', () => storage.remove(key))
            return session.set(stored, 'restored')
          },
          (cause) => fail(new StorageError('read', cause)),
        )
    },
    set(next, reason) {
      token = next
      generation++
      if (onChange) {
        const preview = next === null ? null : redact(next)
        onChange({ reason, hasToken: next !== null, tokenPreview: preview, generation })
      }
      if (reason === 'restored') return Promise.resolve()
      return next === null
        ? persist('remove', () => storage.remove(key))
        : persist('write', () => storage.set(key, next))
    },
    bump() {
      generation++
    },
    apply(sentGeneration, headers) {
      const value = readHeader(headers, headerName)
      const status = readHeader(headers, headerName + '-Status')
      if (value && !isWellFormedToken(value)) {
        throw new ProtocolError(
          /[,\s]/.test(value)
            ? `The ${headerName} response header holds several values (duplicated by a proxy?)`
            : `The ${headerName} response header is not a valid token`,
        )
      }
      if (sentGeneration !== generation) return undefined
      if (value) {
        if (value === token) return undefined
        const known = status === 'created' || status === 'rotated'
        return session.set(value, known ? status : token ? 'rotated' : 'created')
      }
      // An empty value means "drop yours"; some platforms drop empty headers, so a dropping
      // status alone counts too.
      const dropStatus = status !== undefined && DROP_STATUSES.indexOf(status) >= 0
      if ((value !== '' && !dropStatus) || token === null) return undefined
      return session.set(null, dropStatus ? (status as SessionChangeReason) : 'destroyed')
    },
  }
  return session
}
