import Redis from 'ioredis'
import { REDIS_CLIENT_OPTIONS } from '../src/stores/redis'
import { createRedisStore } from '../src/stores/redis'
import { listen, TokenClient, type TestServer } from './support/http'
import { startRedisServer, type RedisServer } from './support/redis-server'
import { describeWith } from './support/services'
import { createSessionTestApp } from './support/session-app'

const STORE_TIMEOUT_MS = 400

function ready(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve()
  return new Promise((resolve) => client.once('ready', () => resolve()))
}

/** Send `count` requests, one after another, and time each. */
async function burst(clients: TokenClient[], count: number) {
  const results: { status: number; ms: number }[] = []
  for (let i = 0; i < count; i++) {
    const c = clients[i % clients.length] as TokenClient
    const started = Date.now()
    const res = await c.send('POST', '/count')
    results.push({ status: res.status, ms: Date.now() - started })
  }
  return results
}

describeWith('redis')('a Redis outage', () => {
  let redis: RedisServer
  let client: Redis
  let server: TestServer
  const clients: TokenClient[] = []

  beforeAll(async () => {
    redis = await startRedisServer({ args: ['--appendonly', 'yes', '--appendfsync', 'always'] })
    client = new Redis(redis.url, REDIS_CLIENT_OPTIONS)
    client.on('error', () => {})
    await ready(client)
    const store = createRedisStore({ client, prefix: 'outage:' })
    server = await listen(createSessionTestApp({ store, storeTimeoutMs: STORE_TIMEOUT_MS }))
    for (let i = 0; i < 5; i++) clients.push(new TokenClient(server.url))
  })
  afterAll(async () => {
    await server?.close()
    client?.disconnect()
    await redis?.remove()
  })

  it('answers 503 within the timeout while Redis is down, then carries on with the same sessions', async () => {
    for (const c of clients) expect((await c.send('POST', '/count')).body).toEqual({ count: 1 })
    const tokens = clients.map((c) => c.token)

    // Stop Redis while traffic flows.
    const traffic = burst(clients, 40)
    await new Promise((resolve) => setTimeout(resolve, 20))
    await redis.stop('SIGTERM')
    const during = await traffic
    const down = await burst(clients, 20)
    for (const r of [...during, ...down]) {
      expect([200, 503]).toContain(r.status)
      expect(r.ms).toBeLessThan(STORE_TIMEOUT_MS + 600)
    }
    expect(down.every((r) => r.status === 503)).toBe(true)
    // Requests without a token never need the store.
    expect((await new TokenClient(server.url).send('GET', '/nothing')).status).toBe(200)

    await redis.start()
    await ready(client)
    const counts = []
    for (const c of clients) counts.push((await c.send('GET', '/read')).body)
    expect(clients.map((c) => c.token)).toEqual(tokens)
    // Every acknowledged write survived the restart. A write whose answer was lost with the
    // connection (503) may have been applied too: the store cannot say which.
    const acknowledged = during.filter((r) => r.status === 200).length + clients.length
    const unknown = during.filter((r) => r.status === 503).length
    const total = counts.reduce((sum, body) => sum + (body?.data as { count: number }).count, 0)
    expect(total).toBeGreaterThanOrEqual(acknowledged)
    expect(total).toBeLessThanOrEqual(acknowledged + unknown)
    expect((await clients[0]!.send('POST', '/count')).status).toBe(200)
  })

  it('answers 503 in bounded time when Redis hangs, and recovers when it answers again', async () => {
    const c = clients[0] as TokenClient
    redis.pause()
    try {
      const started = Date.now()
      const res = await c.send('POST', '/count')
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('1')
      expect(Date.now() - started).toBeLessThan(STORE_TIMEOUT_MS + 600)
    } finally {
      redis.resume()
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect((await c.send('POST', '/count')).status).toBe(200)
  })
})
