import Redis from 'ioredis'
import { REDIS_CLIENT_OPTIONS } from '../src/stores/redis'
import { createRedisStore, RedisReplicationError } from '../src/stores/redis'
import type { SessionStore } from '../src/types'
import { listen, TokenClient } from './support/http'
import { waitForReplicas } from './support/redis-sentinel'
import { startRedisServer, type RedisServer } from './support/redis-server'
import { describeWith } from './support/services'
import { createSessionTestApp } from './support/session-app'
import { describeStoreContract, newRecord } from './support/store-contract'

const HOUR = 3_600_000
const id = (n: number): string => `replicated-${String(n).padStart(32, '0')}-xxxxxxx`.slice(0, 43)

function ready(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve()
  return new Promise((resolve) => client.once('ready', () => resolve()))
}

/** `calls` of one command in `INFO commandstats`. */
async function calls(client: Redis, command: string): Promise<number> {
  const stats = await client.info('commandstats')
  return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(stats)?.[1] ?? 0)
}

describeWith('redis')("createRedisStore with durability: 'replicated'", () => {
  let primary: RedisServer
  let replica: RedisServer
  let client: Redis
  let onReplica: Redis
  let store: SessionStore
  beforeAll(async () => {
    primary = await startRedisServer()
    replica = await startRedisServer({ args: ['--replicaof', '127.0.0.1', String(primary.port)] })
    await waitForReplicas(primary.port, 1)
    client = new Redis(primary.url, REDIS_CLIENT_OPTIONS)
    onReplica = new Redis(replica.url)
    await Promise.all([ready(client), ready(onReplica)])
    store = createRedisStore({ client, durability: 'replicated', replicationTimeoutMs: 200 })
  }, 30_000)
  afterAll(async () => {
    client?.disconnect()
    onReplica?.disconnect()
    await Promise.all([primary?.remove(), replica?.remove()])
  })

  describeStoreContract('redis, replicated', async () => ({
    store: createRedisStore({ client, prefix: 'contract:', durability: 'replicated' }),
    corrupt: async (id) => void (await client.set(`contract:s:${id}`, 'garbage\n{')),
    close: async () => {},
  }))

  it('answers each write once the replica holds it', async () => {
    const user = 'u-replicated'
    for (let n = 0; n < 20; n++) {
      expect(await store.create(id(n), newRecord({ userId: user }))).toBe(true)
      expect(await onReplica.exists(`hs:s:${id(n)}`)).toBe(1)
      const now = Date.now()
      const commit = { lastSeenAt: now, idleExpiresAt: now + HOUR, maxDataBytes: 65_536 }
      const set = { op: 'set' as const, path: ['n'], value: n }
      expect(await store.commit(id(n), { ...commit, operations: [set] })).toMatchObject({
        status: 'applied',
      })
      expect(await onReplica.get(`hs:s:${id(n)}`)).toContain(`"n":${n}`)
    }
    expect(await onReplica.zcard(`hs:user:${user}`)).toBe(20)
    await store.destroy(id(0))
    expect(await onReplica.exists(`hs:s:${id(0)}`)).toBe(0)
  })

  it('sends a WAIT behind the EVAL that follows a NOSCRIPT too', async () => {
    await store.create(id(100), newRecord())
    await client.script('FLUSH')
    const before = await calls(client, 'wait')
    const now = Date.now()
    const operations = [{ op: 'set' as const, path: ['after-flush'], value: true }]
    await store.commit(id(100), {
      operations,
      lastSeenAt: now,
      idleExpiresAt: now + HOUR,
      maxDataBytes: 65_536,
    })
    // EVALSHA (NOSCRIPT) and EVAL, each with its WAIT.
    expect((await calls(client, 'wait')) - before).toBe(2)
    expect(await onReplica.get(`hs:s:${id(100)}`)).toContain('"after-flush":true')
  })

  it('waits for the replica after a destroy of a session bound to nobody', async () => {
    await store.create(id(300), newRecord())
    const before = await calls(client, 'wait')
    await store.destroy(id(300))
    expect((await calls(client, 'wait')) - before).toBe(1)
    expect(await onReplica.exists(`hs:s:${id(300)}`)).toBe(0)
  })

  it('fails a write the replica does not acknowledge in time, and answers 503 over HTTP', async () => {
    const server = await listen(createSessionTestApp({ store }))
    const c = new TokenClient(server.url)
    expect((await c.send('POST', '/count')).status).toBe(200)
    replica.pause()
    try {
      const started = Date.now()
      const failure = await store.create(id(200), newRecord()).catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(RedisReplicationError)
      expect(failure).toMatchObject({ acknowledged: 0, required: 1, timeoutMs: 200 })
      expect(Date.now() - started).toBeGreaterThanOrEqual(190)
      // The write is on the primary: it may be kept, or lost at a failover.
      expect(await client.exists(`hs:s:${id(200)}`)).toBe(1)

      const res = await c.send('POST', '/count')
      expect(res.status).toBe(503)
      expect(res.body).toMatchObject({
        error: { code: 'SESSION_STORE_UNAVAILABLE', outcome: 'unknown' },
      })
    } finally {
      replica.resume()
    }
    expect((await c.send('POST', '/count')).status).toBe(200)
    await server.close()
  })
})
