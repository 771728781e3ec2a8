import { createBatcher } from '../batcher'
import type { RedisClient } from './client'

/**
 * `GET` for many requests at once: while four loads are in flight, the keys asked for meanwhile
 * go together in one `MGET` (one command to build, send and parse instead of one each). Alone, a
 * key goes at once, as a plain `GET`. On a Cluster every key is a plain `GET`: the keys of one
 * `MGET` must share a slot.
 */
export function createBatchedGet(client: RedisClient): (key: string) => Promise<string | null> {
  if (client.isCluster) return (key) => client.get(key)
  return createBatcher<string, string | null>(
    async (keys) => (keys.length === 1 ? [await client.get(keys[0]!)] : client.mget(keys)),
    4,
    64,
  )
}
