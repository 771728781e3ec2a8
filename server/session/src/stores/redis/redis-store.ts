import { SessionRecordCorruptError } from '../../errors'
import type { CommitResult, SessionCommit, SessionRecord, SessionStore } from '../../types'
import { createBatchedGet } from './batched-get'
import { COMMIT_SCRIPT, FAST_COMMIT_SCRIPT } from './commit-script'
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

type CommitReply = [string, string?, string?, string?]

/**
 * A `SessionStore` on Redis (≥ 7.0). Keys: `<prefix>s:<id>` holds a record,
 * `<prefix>user:<userId>` a user's sessions. Every script touches one key, so it works on a
 * Cluster. `get` is one `GET`; `commit` is one script: with `SessionCommit.base`, a tiny one
 * that writes the new text if the record is still at the loaded version, and otherwise (or
 * without `base`) one that edits the data as raw JSON text, so numbers and empty arrays come
 * back exactly as written. With `durability: 'replicated'`, every write is followed by a `WAIT`
 * on its connection, and fails unless `replicas` replicas acknowledged it.
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
      // A plain GET. The key's TTL is the record's own expiry (`min(idleExpiresAt,
      // absoluteExpiresAt)`), set by every create and commit, the middleware's throttled touch
      // included; the middleware judges expiry from the record, so extending the TTL here
      // (GETEX) would keep nothing alive longer and cost Redis a write per read.
      const raw = await load(keys.session(id))
      return raw === null ? null : decodeRecord(raw)
    },

    async create(id, record: SessionRecord, dataJson?: string) {
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
      const reply = (await commitScript(key, ...commitArgs(commit))) as CommitReply
      const [status, a, b, c] = reply
      if (status === 'missing') return { status: 'missing' }
      if (status === 'too-large') return { status: 'too-large', bytes: Number(a) }
      if (status !== 'applied') throw new SessionRecordCorruptError(a ?? String(status))
      if (commit.binding !== undefined) {
        const previous = JSON.parse(b ?? 'null') as string | null
        await updateIndex(id, previous, commit.binding?.userId ?? null, Number(c))
      }
      return { status: 'applied', version: Number(a) }
    },

    async destroy(id) {
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

    listByUser: (userId) => index.list(userId),

    async ping() {
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
