import { randomBytes } from 'node:crypto'
import Redis, { Cluster } from 'ioredis'
import { REDIS_CLIENT_OPTIONS } from '../src/stores/redis'
import { createRedisStore } from '../src/stores/redis'
import { describeSessionProtocol } from './support/protocol-suite'
import { startRedisCluster, type RedisCluster } from './support/redis-cluster'
import { describeWith, SERVICES } from './support/services'

const prefix = `hs-protocol:${randomBytes(4).toString('hex')}:`

describeWith('redis')('Redis', () => {
  describeSessionProtocol('Redis standalone', async () => {
    const client = new Redis(SERVICES.redis.url, REDIS_CLIENT_OPTIONS)
    await new Promise((resolve) => client.once('ready', resolve))
    return {
      store: createRedisStore({ client, prefix }),
      corrupt: async (id) => void (await client.set(`${prefix}s:${id}`, '{not a record')),
      close: async () => {
        const keys = await client.keys(`${prefix}*`)
        if (keys.length > 0) await client.del(...keys)
        await client.quit()
      },
    }
  })

  describe('on a Redis Cluster', () => {
    let cluster: RedisCluster | undefined
    afterAll(async () => cluster?.stop())

    describeSessionProtocol('Redis Cluster', async () => {
      cluster = await startRedisCluster()
      const client = new Cluster([...cluster.startupNodes], {
        enableOfflineQueue: false,
        enableAutoPipelining: true,
        redisOptions: REDIS_CLIENT_OPTIONS,
      })
      await new Promise((resolve) => client.once('ready', resolve))
      return {
        store: createRedisStore({ client, prefix }),
        corrupt: async (id) => void (await client.set(`${prefix}s:${id}`, '{not a record')),
        close: async () => void (await client.quit().catch(() => client.disconnect())),
      }
    })
  })
})
