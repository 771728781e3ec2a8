import Redis from 'ioredis'
import { BENCH_ENV } from './config'

/** Redis's counters at one moment: calls per command, and the server's CPU seconds. */
export interface RedisSnapshot {
  calls: Record<string, number>
  cpuSeconds: number
}

/**
 * Reads Redis's own counters (`INFO commandstats`, `INFO cpu`): round trips are counted where
 * they arrive, whatever client or pipelining sent them. The counters are server-wide, so
 * anything else using this Redis during a run is counted too (the bench's own INFO is not).
 */
export class RedisStats {
  readonly #client: Redis

  constructor(url = BENCH_ENV.redisUrl) {
    this.#client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 })
  }

  async snapshot(): Promise<RedisSnapshot> {
    const text = await this.#client.info('all')
    const calls: Record<string, number> = {}
    for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
      calls[match[1] as string] = Number(match[2])
    }
    const cpu = (name: string): number =>
      Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(text)?.[1] ?? 0)
    return { calls, cpuSeconds: cpu('used_cpu_user') + cpu('used_cpu_sys') }
  }

  /** Command calls between two snapshots, without the bench's own `info`. */
  static delta(before: RedisSnapshot, after: RedisSnapshot): Record<string, number> {
    const out: Record<string, number> = {}
    for (const [name, calls] of Object.entries(after.calls)) {
      const n = calls - (before.calls[name] ?? 0)
      if (n > 0 && name !== 'info') out[name] = n
    }
    return out
  }

  async flush(): Promise<void> {
    await this.#client.flushdb()
  }

  async serverVersion(): Promise<string> {
    const text = await this.#client.info('server')
    return /^redis_version:(\S+)/m.exec(text)?.[1] ?? 'unknown'
  }

  async close(): Promise<void> {
    await this.#client.quit()
  }
}
