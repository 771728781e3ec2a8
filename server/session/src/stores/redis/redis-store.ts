import { SessionRecordCorruptError } from '../../errors'
import type { CommitResult, SessionCommit, SessionRecord, SessionStore } from '../../types'
import { createBatchedGet } from './batched-get'
import { COMMIT_SCRIPT, decodeCommitReply, FAST_COMMIT_SCRIPT } from './commit-script'
import { firstReady } from './first-ready'
import { redisKeys } from './keys'
import {
  decodeRecord,
  decodeUserId,
  encodeRecord,
  encodeRecordWith,
  plainStrings,
  versionPrefix,
} from './record-format'
import { defineScript } from './scripts'
import { resolveRedisStoreOptions, type RedisStoreOptions } from './store-options'
import { UserIndex } from './user-index'
import { createStoreWrites } from './writes'

/**
 * A `SessionStore` on Redis (≥ 7.0). Keys: `<prefix>s:<id>` holds a record,
 * `<prefix>user:<userId>` a user's sessions. Every script touches one key, so it works on a
 * Cluster. `get` is one `GET`; `commit` is one script: with `SessionCommit.base`, a tiny one
 * that writes the new text if the record is still at the loaded version, and otherwise (or
 * without `base`) one that edits the data as raw JSON text, so numbers and empty arrays come
 * back exactly as written. With `durability: 'replicated'`, every write is followed by a `WAIT`
 * on its connection, and fails unless `replicas` replicas acknowledged it. Until the client is
 * first ready, every call waits for it (see `firstReady`).
 *
 * @throws SessionOptionsError naming the bad option (see `RedisStoreOptions`).
 * @example
 * const store = createRedisStore({ client: new Redis(process.env.REDIS_URL) })
 * const safer = createRedisStore({ client: sentinelClient, durability: 'replicated' })
 */
export function createRedisStore(options: RedisStoreOptions): SessionStore {
  const resolved = resolveRedisStoreOptions(options)
  const { client } = resolved
  const keys = redisKeys(resolved.prefix)
  const writes = createStoreWrites(resolved)
  const commitScript = defineScript(writes, COMMIT_SCRIPT)
  const index = new UserIndex(client, keys, writes)

  const fastCommitScript = defineScript(writes, FAST_COMMIT_SCRIPT)
  const load = createBatchedGet(client)
  const connecting = firstReady(client)

  /** Move a session in the user index after a commit changed its binding. */
  async function updateIndex(
    id: string,
    previous: string | null,
    next: string | null,
    absoluteExpiresAt: number,
  ): Promise<void> {
    if (previous !== null && previous !== next) await index.remove(previous, id)
    if (next !== null) await index.add(next, id, absoluteExpiresAt)
  }

  return {
    kind: client.isCluster ? 'redis-cluster' : 'redis',

    async get(id) {
      const waiting = connecting()
      if (waiting) await waiting
      // A plain GET. The key's TTL is the record's own expiry (`min(idleExpiresAt,
      // absoluteExpiresAt)`), set by every create and commit, the middleware's throttled touch
      // included; the middleware judges expiry from the record, so extending the TTL here
      // (GETEX) would keep nothing alive longer and cost Redis a write per read.
      const raw = await load(keys.session(id))
      return raw === null ? null : decodeRecord(raw)
    },

    async create(id, record: SessionRecord, dataJson?: string) {
      const waiting = connecting()
      if (waiting) await waiting
      const ttl = Math.min(record.idleExpiresAt, record.absoluteExpiresAt) - record.lastSeenAt
      const ok = await writes.send('set', [
        keys.session(id),
        encodeRecord(record, dataJson),
        'PX',
        Math.max(1, ttl),
        'NX',
      ])
      if (ok === null) return false
      if (record.userId !== null) await index.add(record.userId, id, record.absoluteExpiresAt)
      return true
    },

    async commit(id, commit: SessionCommit): Promise<CommitResult> {
      const waiting = connecting()
      if (waiting) await waiting
      const key = keys.session(id)
      const { base } = commit
      if (base) {
        // Fast path: encoded here, before any await (the caller keeps using the data object).
        const data = JSON.stringify(base.record.data)
        if (Buffer.byteLength(data) <= commit.maxDataBytes) {
          const next = base.record
          const ttl = Math.min(next.idleExpiresAt, next.absoluteExpiresAt) - next.lastSeenAt
          const reply = await fastCommitScript(
            key,
            versionPrefix(base.version),
            encodeRecordWith(next, data),
            Math.max(1, ttl),
          )
          if (reply === 'missing') return { status: 'missing' }
          if (reply === 'applied') {
            if (commit.binding !== undefined) {
              await updateIndex(id, base.userId, next.userId, next.absoluteExpiresAt)
            }
            return { status: 'applied', version: next.version }
          }
          // 'moved': another commit landed since the load; apply the operations to it now.
        }
      }
      const reply = decodeCommitReply(await commitScript(key, ...commitArgs(commit)))
      if (reply.status === 'corrupt') throw new SessionRecordCorruptError(reply.reason)
      if (reply.status !== 'applied') return reply
      if (commit.binding !== undefined) {
        const next = commit.binding?.userId ?? null
        await updateIndex(id, reply.previousUserId, next, reply.absoluteExpiresAt)
      }
      return { status: 'applied', version: reply.version }
    },

    async destroy(id) {
      const waiting = connecting()
      if (waiting) await waiting
      // GETDEL: the record as it was when it went, in the same step (see `SessionStore.destroy`).
      const raw = await client.getdel(keys.session(id))
      if (raw === null) return null
      const record = decodeOrNull(raw)
      const userId = record ? record.userId : decodeUserId(raw)
      if (userId !== null) await index.remove(userId, id)
      // The GETDEL went to the client as it is: with 'replicated', the deletion too must be on
      // the replicas before it is answered.
      await writes.confirm(keys.session(id))
      return record
    },

    async listByUser(userId) {
      const waiting = connecting()
      if (waiting) await waiting
      return index.list(userId)
    },

    async ping() {
      const waiting = connecting()
      if (waiting) await waiting
      await client.ping()
    },
  }
}

/** A stored record, or null when it cannot be read (a destroy still removes it). */
function decodeOrNull(raw: string): SessionRecord | null {
  try {
    return decodeRecord(raw)
  } catch {
    return null
  }
}

/** The ARGV of the commit script (see `commit-script.ts`). */
function commitArgs(commit: SessionCommit): string[] {
  const args = [
    String(commit.lastSeenAt),
    String(commit.idleExpiresAt),
    String(commit.maxDataBytes),
  ]
  if (commit.binding === undefined) args.push('', '')
  else
    args.push(
      JSON.stringify(commit.binding?.userId ?? null),
      JSON.stringify(commit.binding?.device ?? null),
    )
  for (const operation of commit.operations) {
    const path = operation.path.map((segment) => JSON.stringify(segment))
    if (operation.op === 'delete') {
      args.push('d', String(path.length), ...path)
    } else {
      const value = JSON.stringify(operation.value) ?? 'null'
      const op = plainStrings(value, ...path) ? 's' : 'S'
      args.push(op, String(path.length), ...path, value)
    }
  }
  return args
}
