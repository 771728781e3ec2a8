import { randomBytes } from 'node:crypto'
import { Cluster } from 'ioredis'
import { createRedisStore } from '../src/stores/redis'
import { startRedisCluster, type RedisCluster } from './support/redis-cluster'
import { describeWith } from './support/services'
import { describeStoreContract, newRecord } from './support/store-contract'

const PREFIX = 'hs-cluster-test:'

describeWith('redis')('createRedisStore on a Redis Cluster', () => {
  let cluster: RedisCluster | undefined
  let client: Cluster | undefined
  beforeAll(async () => {
    cluster = await startRedisCluster()
    client = new Cluster([...cluster.startupNodes], {
      enableAutoPipelining: true,
      redisOptions: { maxRetriesPerRequest: 1 },
    })
    await new Promise((resolve, reject) => client?.once('ready', resolve).once('error', reject))
  }, 60_000)
  afterAll(async () => {
    await client?.quit().catch(() => client?.disconnect())
    await cluster?.stop()
  })

  describeStoreContract('redis cluster', async () => {
    if (!client) throw new Error('the cluster did not start')
    const ready = client
    return {
      store: createRedisStore({ client: ready, prefix: PREFIX }),
      corrupt: async (id) => void (await ready.set(`${PREFIX}s:${id}`, 'garbage')),
      close: async () => {},
    }
  })

  it('reports its kind and spreads sessions over the nodes', async () => {
    if (!client || !cluster) throw new Error('the cluster did not start')
    const store = createRedisStore({ client, prefix: PREFIX })
    expect(store.kind).toBe('redis-cluster')
    const user = 'spread-user'
    for (let i = 0; i < 12; i++) {
      await store.create(randomBytes(32).toString('base64url'), newRecord({ userId: user }))
    }
    expect(await store.listByUser(user)).toHaveLength(12)
    const sizes = await Promise.all(client.nodes('master').map((node) => node.dbsize()))
    expect(sizes.filter((size) => size > 0).length).toBeGreaterThan(1)
  })
})
