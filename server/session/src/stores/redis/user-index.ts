import type { UserSession } from '../../types'
import type { RedisClient } from './client'
import type { RedisKeys } from './keys'
import { decodeRecord } from './record-format'
import { defineScript, type ScriptCommand } from './scripts'
import type { StoreWrites } from './writes'

/**
 * Add a session to a user's index: KEYS[1] the index, ARGV 1 score (absoluteExpiresAt),
 * 2 session id, 3 the caller's clock. Prunes members past their score, and keeps the index
 * alive until its latest score (relative to the caller's clock, so Redis's clock never matters).
 */
export const INDEX_ADD_SCRIPT = String.raw`
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
local top = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2]
if not top then return 0 end
local ttl = tonumber(top) - tonumber(ARGV[3])
if ttl < 1 then ttl = 1 end
redis.call('PEXPIRE', KEYS[1], string.format('%d', ttl))
return 1
`

/**
 * The per-user index of one store. Updated with commands of its own, never inside the session
 * script (the index and the session may live on different cluster slots), so it may briefly
 * disagree with the records: `list` trusts the records and drops what no longer matches.
 * `add` and `remove` go through the store's `writes` (replicated when the store is); the pruning
 * in `list` goes straight to the client: it only forgets what the records already say is gone,
 * so losing it at a failover costs nothing, and a listing must not fail on a slow replica.
 */
export class UserIndex {
  private readonly addScript: ScriptCommand

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
    private readonly writes: StoreWrites,
  ) {
    this.addScript = defineScript(writes, INDEX_ADD_SCRIPT)
  }

  async add(userId: string, id: string, absoluteExpiresAt: number): Promise<void> {
    await this.addScript(this.keys.user(userId), absoluteExpiresAt, id, Date.now())
  }

  async remove(userId: string, id: string): Promise<void> {
    await this.writes.send('zrem', [this.keys.user(userId), id])
  }

  /** The live sessions bound to `userId`; forgets members that are gone or rebound. */
  async list(userId: string): Promise<UserSession[]> {
    const key = this.keys.user(userId)
    const [, ids] = await Promise.all([
      this.client.zremrangebyscore(key, '-inf', `(${Date.now()}`),
      this.client.zrange(key, '0', '-1'),
    ])
    // One GET per session: they may live on different slots, so no MGET.
    const raws = await Promise.all(ids.map((id) => this.client.get(this.keys.session(id))))
    const sessions: UserSession[] = []
    const stale: string[] = []
    ids.forEach((id, i) => {
      const raw = raws[i]
      const record = raw == null ? null : tryDecode(raw)
      if (record?.userId === userId) sessions.push({ id, record })
      else stale.push(id)
    })
    if (stale.length > 0) await this.client.zrem(key, ...stale)
    return sessions
  }
}

function tryDecode(raw: string): ReturnType<typeof decodeRecord> | null {
  try {
    return decodeRecord(raw)
  } catch {
    return null
  }
}
