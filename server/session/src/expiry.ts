import type { SessionRecord } from './types'

/**
 * Which timeout has ended a record at `now` (epoch ms), or null while it is alive. The one
 * expiry rule: the middleware applies it at load and the session admin when it lists, whatever
 * the store's own TTL says (PROTOCOL rule 6); a store may keep an expired record until it prunes.
 */
export function expiredBy(record: SessionRecord, now: number): 'idle' | 'absolute' | null {
  if (now >= record.absoluteExpiresAt) return 'absolute'
  if (now >= record.idleExpiresAt) return 'idle'
  return null
}
