import Redis from 'ioredis'
import { REDIS_CLIENT_OPTIONS } from '@header-session/server'
import { BENCH_ENV } from '../config'

/**
 * An ioredis client on the bench database, configured as our server's README asks
 * (`REDIS_CLIENT_OPTIONS`: auto-pipelining, fail fast). koa-session's store gets the very same
 * client settings, so the comparison is between session libraries, not Redis client settings.
 */
export async function openIoredis(): Promise<Redis> {
  const client = new Redis(BENCH_ENV.redisUrl, { ...REDIS_CLIENT_OPTIONS })
  client.on('error', () => {
    // Failures show up as non-2xx answers in the load report.
  })
  if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve))
  return client
}
