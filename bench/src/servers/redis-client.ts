import Redis, { type RedisOptions } from 'ioredis'
import { REDIS_CLIENT_OPTIONS } from '@header-session/koa/redis'
import { BENCH_ENV } from '../config'

/** A client of any kind whose `sendCommand` every command goes through. */
export interface CommandSender {
  sendCommand: (...args: never[]) => unknown
}

/**
 * Count the commands a client sends, at the one method every command goes through
 * (`sendCommand`: ioredis sends pipelined and script commands through it too; so does the
 * `redis` client). Each is a round trip the request waits for, pipelined or not. Redis's own
 * `INFO commandstats` would also count the commands a Lua script runs inside Redis.
 */
export function countCommands(client: CommandSender): () => number {
  let count = 0
  const send = client.sendCommand.bind(client) as (...args: unknown[]) => unknown
  client.sendCommand = ((...args: unknown[]) => {
    count++
    return send(...args)
  }) as CommandSender['sendCommand']
  return () => count
}

/** An ioredis client and the count of commands it sent so far. */
export interface CountedRedis {
  client: Redis
  commands: () => number
}

/**
 * An ioredis client on the bench database, configured as our server's README asks
 * (`REDIS_CLIENT_OPTIONS`, fail fast), with `overrides` on top (a variant that measures one
 * option). koa-session's store gets the very same client settings, so the comparison is
 * between session libraries, not Redis client settings.
 */
export async function openIoredis(overrides: RedisOptions = {}): Promise<CountedRedis> {
  return ready(new Redis(BENCH_ENV.redisUrl, { ...REDIS_CLIENT_OPTIONS, ...overrides }))
}

/**
 * An ioredis client on the bench database with ioredis's own defaults (`new Redis(url)`, no
 * options), as a koa-session user gets it without configuring the client.
 */
export async function openDefaultIoredis(): Promise<CountedRedis> {
  return ready(new Redis(BENCH_ENV.redisUrl))
}

/** `client` once it is ready, with its commands counted; failures are left to the load report. */
async function ready(client: Redis): Promise<CountedRedis> {
  client.on('error', () => {
    // Failures show up as non-2xx answers in the load report.
  })
  if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve))
  return { client, commands: countCommands(client) }
}
