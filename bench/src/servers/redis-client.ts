import Redis from 'ioredis'
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

/**
 * An ioredis client on the bench database, configured as our server's README asks
 * (`REDIS_CLIENT_OPTIONS`: auto-pipelining, fail fast). koa-session's store gets the very same
 * client settings, so the comparison is between session libraries, not Redis client settings.
 */
export async function openIoredis(): Promise<{ client: Redis; commands: () => number }> {
  const client = new Redis(BENCH_ENV.redisUrl, { ...REDIS_CLIENT_OPTIONS })
  client.on('error', () => {
    // Failures show up as non-2xx answers in the load report.
  })
  if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve))
  return { client, commands: countCommands(client) }
}
