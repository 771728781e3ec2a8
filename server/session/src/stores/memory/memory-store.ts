import { SessionOptionsError } from '../../errors'
import { applyOperations, dataBytes } from '../../operations'
import type {
  CommitResult,
  SessionCommit,
  SessionRecord,
  SessionStore,
  UserSession,
} from '../../types'

/** Options of `createMemoryStore`. */
export interface MemoryStoreOptions {
  /** Most records kept; the least recently used goes first. Default 10 000. */
  maxEntries?: number
  /** Clock for the store's own expiry of entries. Default `Date.now`. */
  now?: () => number
}

/** Defaults of `MemoryStoreOptions`. */
export const DEFAULT_MEMORY_STORE_OPTIONS = Object.freeze({ maxEntries: 10_000 })

interface Entry {
  record: SessionRecord
  /** When the store itself forgets the entry (its TTL). */
  dropAt: number
}

/**
 * A store in process memory, for tests and quick experiments: bounded, forgets expired entries,
 * loses everything on restart and is not shared between processes.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): SessionStore {
  const maxEntries = options.maxEntries ?? DEFAULT_MEMORY_STORE_OPTIONS.maxEntries
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new SessionOptionsError('maxEntries', maxEntries, 'an integer ≥ 1')
  }
  const now = options.now ?? Date.now
  const entries = new Map<string, Entry>()
  const byUser = new Map<string, Set<string>>()

  function live(id: string): Entry | undefined {
    const entry = entries.get(id)
    if (entry && entry.dropAt <= now()) {
      remove(id)
      return undefined
    }
    return entry
  }

  function remove(id: string): void {
    const entry = entries.get(id)
    if (!entry) return
    entries.delete(id)
    unindex(id, entry.record.userId)
  }

  function unindex(id: string, userId: string | null): void {
    if (userId === null) return
    const ids = byUser.get(userId)
    ids?.delete(id)
    if (ids?.size === 0) byUser.delete(userId)
  }

  function index(id: string, userId: string | null): void {
    if (userId === null) return
    const ids = byUser.get(userId) ?? new Set<string>()
    ids.add(id)
    byUser.set(userId, ids)
  }

  function put(id: string, record: SessionRecord, dropAt: number): void {
    entries.delete(id)
    entries.set(id, { record, dropAt })
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value as string
      remove(oldest)
    }
  }

  return {
    kind: 'memory',
    async get(id, ttlMs) {
      const entry = live(id)
      if (!entry) return null
      put(id, entry.record, Math.min(now() + ttlMs, entry.record.absoluteExpiresAt))
      return structuredClone(entry.record)
    },
    async create(id, record) {
      if (live(id)) return false
      put(id, structuredClone(record), Math.min(record.idleExpiresAt, record.absoluteExpiresAt))
      index(id, record.userId)
      return true
    },
    async commit(id, commit: SessionCommit): Promise<CommitResult> {
      const entry = live(id)
      if (!entry) return { status: 'missing' }
      const { base } = commit
      if (base && entry.record.version === base.version) {
        // Fast path (`SessionCommit.base`): nobody committed since the caller loaded it.
        const bytes = dataBytes(base.record.data)
        if (bytes <= commit.maxDataBytes) {
          const record = structuredClone(base.record)
          unindex(id, entry.record.userId)
          index(id, record.userId)
          put(id, record, Math.min(record.idleExpiresAt, record.absoluteExpiresAt))
          return { status: 'applied', version: record.version }
        }
      }
      const data = applyOperations(structuredClone(entry.record.data), commit.operations)
      const bytes = dataBytes(data)
      if (bytes > commit.maxDataBytes) return { status: 'too-large', bytes }
      const record: SessionRecord = {
        ...entry.record,
        data,
        lastSeenAt: commit.lastSeenAt,
        idleExpiresAt: commit.idleExpiresAt,
        version: entry.record.version + 1,
      }
      if (commit.binding !== undefined) {
        unindex(id, record.userId)
        record.userId = commit.binding?.userId ?? null
        record.device = commit.binding?.device ?? null
        index(id, record.userId)
      }
      put(id, record, Math.min(record.idleExpiresAt, record.absoluteExpiresAt))
      return { status: 'applied', version: record.version }
    },
    async destroy(id) {
      const entry = live(id)
      remove(id)
      return entry ? structuredClone(entry.record) : null
    },
    async listByUser(userId): Promise<UserSession[]> {
      const ids = [...(byUser.get(userId) ?? [])]
      return ids.flatMap((id) => {
        const entry = live(id)
        return entry ? [{ id, record: structuredClone(entry.record) }] : []
      })
    },
    async ping() {},
  }
}
