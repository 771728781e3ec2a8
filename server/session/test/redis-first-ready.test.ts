import { randomBytes } from 'node:crypto'
import Koa from 'koa'
import Redis, { type RedisOptions } from 'ioredis'
import { createSessionMiddleware } from '../src'
import { createRedisStore, REDIS_CLIENT_OPTIONS } from '../src/stores/redis'
import { startDelayProxy, type DelayProxy } from './support/delay-proxy'
import { listen, TokenClient, type TestServer } from './support/http'
import { describeWith, SERVICES } from './support/services'

const STORE_TIMEOUT_MS = 500
const prefix = `hs-first-ready:${randomBytes(4).toString('hex')}:`
const target = new URL(SERVICES.redis.url)
const db = Number(target.pathname.slice(1) || 0)

/** A counter on a Redis store over `client`, listening on a free port. */
async function serve(client: Redis): Promise<TestServer> {
  const app = new Koa()
  app.silent = true
  const store = createRedisStore({ client, prefix })
  app.use(createSessionMiddleware({ store, storeTimeoutMs: STORE_TIMEOUT_MS }))
  app.use((ctx) => {
    const count = Number(ctx.session.get('count') ?? 0) + 1
    ctx.session.set('count', count)
    ctx.body = { count }
  })
  return listen(app)
}

describeWith('redis')('a Redis store whose client is not ready yet', () => {
  let proxy: DelayProxy
  const clients: Redis[] = []
  const servers: TestServer[] = []
  function client(url: string, options: RedisOptions = {}): Redis {
    const redis = new Redis(url, { ...REDIS_CLIENT_OPTIONS, ...options })
    redis.on('error', () => {})
    clients.push(redis)
    return redis
  }
  async function server(redis: Redis): Promise<TestServer> {
    const started = await serve(redis)
    servers.push(started)
    return started
  }

  beforeAll(async () => {
    proxy = await startDelayProxy({ host: target.hostname, port: Number(target.port || 6379) }, 150)
  })
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()))
    const cleaner = new Redis(SERVICES.redis.url)
    const keys = await cleaner.keys(`${prefix}*`)
    if (keys.length > 0) await cleaner.del(keys)
    await cleaner.quit()
    for (const redis of clients) redis.disconnect()
    await proxy?.close()
  })

  it('waits for the first ready: a client created and used at once answers 200', async () => {
    proxy.setDelay(150)
    const redis = client(proxy.url(db))
    const http = new TokenClient((await server(redis)).url)
    expect(redis.status).not.toBe('ready')
    const first = await http.send('POST', '/')
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ count: 1 })
    expect((await http.send('POST', '/')).body).toEqual({ count: 2 })
  })

  it('connects a lazyConnect client and waits for it', async () => {
    proxy.setDelay(0)
    const redis = client(proxy.url(db), { lazyConnect: true })
    const http = new TokenClient((await server(redis)).url)
    expect(redis.status).toBe('wait')
    expect((await http.send('POST', '/')).status).toBe(200)
    expect(redis.status).toBe('ready')
  })

  it('answers 503 within the deadline when Redis never answers, with one listener for all', async () => {
    proxy.setDelay(Infinity)
    const redis = client(proxy.url(db))
    const base = (await server(redis)).url
    const before = redis.listenerCount('ready')
    const started = Date.now()
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const sent = new TokenClient(base).send('POST', '/')
        if (i === 19) expect(redis.listenerCount('ready')).toBeLessThanOrEqual(before + 1)
        return sent
      }),
    )
    const elapsed = Date.now() - started
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(503))
    expect(answers[0]!.body).toMatchObject({ error: { code: 'SESSION_STORE_UNAVAILABLE' } })
    expect(elapsed).toBeGreaterThanOrEqual(STORE_TIMEOUT_MS - 50)
    expect(elapsed).toBeLessThan(STORE_TIMEOUT_MS + 500)
    expect(redis.listenerCount('ready')).toBeLessThanOrEqual(before + 1)
  })

  it('fails at once once it has been ready: an outage is not waited out', async () => {
    proxy.setDelay(0)
    const redis = client(proxy.url(db))
    const http = new TokenClient((await server(redis)).url)
    expect((await http.send('POST', '/')).status).toBe(200)
    await proxy.close()
    await new Promise((resolve) => redis.once('close', resolve))
    const started = Date.now()
    const down = await http.send('POST', '/')
    expect(down.status).toBe(503)
    expect(Date.now() - started).toBeLessThan(STORE_TIMEOUT_MS / 2)
  })
})
