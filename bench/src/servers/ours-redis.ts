import type { RedisOptions } from 'ioredis'
import Koa from 'koa'
import { createSessionMiddleware } from '@header-session/koa'
import { createRedisStore, type RedisDurability } from '@header-session/koa/redis'
import { HEADER, SESSION_DEADLINE, SESSION_MAX_AGE_MS } from '../config'
import { counterRoute, type CounterData } from './koa-route'
import { openIoredis } from './redis-client'
import { calibratedCpuSpend } from './cpu-spend'
import type { BenchServer } from './types'

/**
 * Our middleware with the Redis store, default options (unsigned tokens); with `'replicated'`,
 * every write of the store waits for one replica (`WAIT 1 500`). `clientOptions` go on top of
 * `REDIS_CLIENT_OPTIONS` (a variant measuring one of them).
 */
export async function createOursRedis(
  durability: RedisDurability = 'async',
  clientOptions: RedisOptions = {},
): Promise<BenchServer> {
  const { client, commands } = await openIoredis(clientOptions)
  const app = new Koa()
  app.use(
    createSessionMiddleware({
      store: createRedisStore({ client, prefix: 'bench:hs:', durability }),
      headerName: HEADER,
      idleTimeoutMs: SESSION_MAX_AGE_MS,
      ...SESSION_DEADLINE,
    }),
  )
  app.use(counterRoute((ctx) => ctx.session.data as CounterData))
  return {
    listener: app.callback(),
    queries: commands,
    close: async () => {
      await client.quit()
    },
  }
}

/**
 * `ours-redis` with `microseconds` of CPU spent before each request (`calibratedCpuSpend`):
 * what that much CPU per request of one's own costs over HTTP on the machine of the run
 * (bench/PROFILING.md has runs: 5 µs showed as 3.5 to 14 µs). Shown beside the reference app;
 * its goal is judged on CPU per request, scaled to the machine (`checkTargets`).
 */
export async function createOursRedisPlusCpu(microseconds: number): Promise<BenchServer> {
  const server = await createOursRedis()
  const spend = calibratedCpuSpend(microseconds)
  const { listener } = server
  return {
    ...server,
    listener: (req, res) => {
      spend()
      // Koa's listener returns its promise; the in-process harness waits on it.
      return listener(req, res)
    },
  }
}
