/**
 * Runs `run` on what is asked for, in batches: while `parallel` batches are in flight, what is
 * asked for meanwhile waits and goes in the next one (up to `maxBatch` items). Alone, an item
 * goes at once, in a batch of one. A batch that fails fails each of its items.
 */
export function createBatcher<I, O>(
  run: (items: I[]) => Promise<O[]>,
  parallel: number,
  maxBatch: number,
): (item: I) => Promise<O> {
  const queue: Array<{ item: I; resolve(value: O): void; reject(error: unknown): void }> = []
  let running = 0

  async function drain(): Promise<void> {
    running++
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch)
        try {
          const results = await run(batch.map((entry) => entry.item))
          batch.forEach((entry, i) => entry.resolve(results[i]!))
        } catch (error) {
          for (const entry of batch) entry.reject(error)
        }
      }
    } finally {
      running--
    }
  }

  return (item) =>
    new Promise((resolve, reject) => {
      queue.push({ item, resolve, reject })
      if (running < parallel) void drain()
    })
}
