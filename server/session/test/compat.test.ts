import { randomBytes } from 'node:crypto'
import Koa2 from 'koa2'
import { Cluster as Cluster5, Redis as Redis5 } from 'ioredis5'
import Redis from 'ioredis'
import { createRedisStore, REDIS_CLIENT_OPTIONS } from '../src/stores/redis'
import { describeSessionProtocol } from './support/protocol-suite'
import { describeWith, SERVICES } from './support/services'

const prefix = `hs-compat:${randomBytes(4).toString('hex')}:`

/** The keys of this file's stores, deleted at the end of each run. */
async function clean(client: {
  keys(p: string): Promise<string[]>
  del(k: string[]): Promise<number>
}) {
  const keys = await client.keys(`${prefix}*`)
  if (keys.length > 0) await client.del(keys)
}

describe('createRedisStore with an ioredis 5 client', () => {
  it('accepts its Redis and Cluster in the published types', () => {
    // This file is compiled against ioredis 5's own types: a store option typed with ioredis
    // 6's classes fails here with "Type 'Redis' is not assignable to type 'Cluster | Redis'".
    const redis = new Redis5({ lazyConnect: true })
    const cluster = new Cluster5([{ host: '127.0.0.1', port: 1 }], { lazyConnect: true })
    try {
      expect(createRedisStore({ client: redis }).kind).toBe('redis')
      expect(createRedisStore({ client: cluster }).kind).toBe('redis-cluster')
    } finally {
      redis.disconnect()
      cluster.disconnect()
    }
  })
})

describeWith('redis')('compatibility', () => {
  // Both clients are used at once, before they are ready: the store waits for them.
  describeSessionProtocol('Redis on ioredis 5', async () => {
    const client = new Redis5(SERVICES.redis.url, REDIS_CLIENT_OPTIONS)
    return {
      store: createRedisStore({ client, prefix }),
      corrupt: async (id) => void (await client.set(`${prefix}s:${id}`, '{not a record')),
      close: async () => {
        await clean(client)
        await client.quit()
      },
    }
  })

  describeSessionProtocol(
    'Redis, on koa 2',
    async () => {
      const client = new Redis(SERVICES.redis.url, REDIS_CLIENT_OPTIONS)
      return {
        store: createRedisStore({ client, prefix }),
        corrupt: async (id) => void (await client.set(`${prefix}s:${id}`, '{not a record')),
        close: async () => {
          await clean(client)
          await client.quit()
        },
      }
    },
    Koa2,
  )
})
