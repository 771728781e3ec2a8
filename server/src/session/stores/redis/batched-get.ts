import type { Cluster, Redis } from 'ioredis'

/** `MGET`s in flight at once. */
const PARALLEL_LOADS = 4
/** Most keys one `MGET` asks for. */
const MAX_BATCH = 64

interface PendingGet {
  key: string
  resolve(value: string | null): void
  reject(error: unknown): void
}

/**
 * `GET` for many requests at once: while `PARALLEL_LOADS` loads are in flight, the keys asked for
 * meanwhile wait and go together in one `MGET` (one command to build, send and parse instead of
 * one each). Alone, a key goes at once, as a plain `GET`. On a Cluster every key is a plain
 * `GET`: the keys of one `MGET` must share a slot.
 */
export function createBatchedGet(client: Redis | Cluster): (key: string) => Promise<string | null> {
  if (client.isCluster) return (key) => client.get(key)
  const queue: PendingGet[] = []
  let running = 0

  async function drain(): Promise<void> {
    running++
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, MAX_BATCH)
        try {
          if (batch.length === 1) {
            batch[0]!.resolve(await client.get(batch[0]!.key))
            continue
          }
          const values = await client.mget(batch.map((get) => get.key))
          batch.forEach((get, i) => get.resolve(values[i] ?? null))
        } catch (error) {
          for (const get of batch) get.reject(error)
        }
      }
    } finally {
      running--
    }
  }

  return (key) =>
    new Promise((resolve, reject) => {
      queue.push({ key, resolve, reject })
      if (running < PARALLEL_LOADS) void drain()
    })
}
