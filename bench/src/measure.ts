import { load } from './load'
import { RedisStats } from './redis-stats'
import type { Scenario } from './scenarios'
import type { ServerProcess } from './server-process'
import type { StoreKind } from './servers/types'

/** One measured run of one scenario on one server. */
export interface Sample {
  round: number
  rps: number
  p50: number
  p99: number
  requests: number
  errors: number
  non2xx: number
  /** Server process CPU time during the run (user + system), microseconds. */
  cpuUs: number
  /** Store round trips the server made during the run: Redis commands or SQL statements. */
  queries: number
  /** Redis commands during the run, by command, as Redis counts them (inside scripts too). */
  redisCalls: Record<string, number>
  /** Redis server CPU time during the run, microseconds. */
  redisCpuUs: number
}

/** How a run is driven. */
export interface RunShape {
  connections: number
  durationSeconds: number
  warmupSeconds: number
}

/**
 * Warm up, then measure one scenario: load for `durationSeconds` while reading the server's
 * CPU and query counters, and Redis's command counters, before and after.
 */
export async function measure(
  server: ServerProcess,
  store: StoreKind,
  scenario: Scenario,
  tokens: readonly string[],
  shape: RunShape,
  round: number,
  redis: RedisStats,
): Promise<Sample> {
  const options = {
    url: server.url,
    method: scenario.method,
    connections: shape.connections,
    tokens: scenario.withToken ? tokens : [],
  }
  if (shape.warmupSeconds > 0) await load({ ...options, durationSeconds: shape.warmupSeconds })
  const before = await server.stats()
  const redisBefore = store === 'redis' ? await redis.snapshot() : null
  const result = await load({ ...options, durationSeconds: shape.durationSeconds })
  const after = await server.stats()
  const redisAfter = store === 'redis' ? await redis.snapshot() : null
  const cpu = (s: typeof before): number => s.cpu.user + s.cpu.system
  return {
    round,
    rps: result.rps,
    p50: result.p50,
    p99: result.p99,
    requests: result.requests,
    errors: result.errors,
    non2xx: result.non2xx,
    cpuUs: cpu(after) - cpu(before),
    queries: after.queries - before.queries,
    redisCalls: redisBefore && redisAfter ? RedisStats.delta(redisBefore, redisAfter) : {},
    redisCpuUs:
      redisBefore && redisAfter ? (redisAfter.cpuSeconds - redisBefore.cpuSeconds) * 1e6 : 0,
  }
}
