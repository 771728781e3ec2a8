import Koa from 'koa'
import {
  createMemoryStore,
  createSessionMiddleware,
  type SessionEvent,
  type SessionStore,
} from '../src'
import { listen, TokenClient, type TestServer } from './support/http'
import { createSessionTestApp } from './support/session-app'

/** A store that can be told to hang or fail: the failures a real peer cannot be made to produce on cue. */
function flakyStore() {
  const real = createMemoryStore()
  let mode: 'ok' | 'hang' | 'fail' = 'ok'
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      mode === 'ok'
        ? fn(...args)
        : mode === 'hang'
          ? new Promise<R>(() => {})
          : Promise.reject(new Error('ECONNREFUSED 10.0.0.1:6379 secret-detail'))
  const store: SessionStore = {
    kind: 'flaky',
    get: wrap(real.get),
    create: wrap(real.create),
    commit: wrap(real.commit),
    destroy: wrap(real.destroy),
    listByUser: wrap(real.listByUser),
    ping: wrap(real.ping),
  }
  return { store, set: (m: typeof mode) => (mode = m) }
}

describe('a session store that fails', () => {
  const flaky = flakyStore()
  const events: SessionEvent[] = []
  let server: TestServer
  beforeAll(async () => {
    server = await listen(
      createSessionTestApp({
        store: flaky.store,
        storeTimeoutMs: 200,
        retryAfterSeconds: 3,
        onEvent: (e) => {
          events.push(e)
          throw new Error('a broken listener must not matter')
        },
      }),
    )
  })
  afterAll(() => server.close())
  afterEach(() => flaky.set('ok'))

  it.each(['hang', 'fail'] as const)(
    'answers 503 in bounded time when the store does %s on load',
    async (mode) => {
      const c = new TokenClient(server.url)
      await c.send('POST', '/count')
      flaky.set(mode)
      const started = Date.now()
      const res = await c.send('GET', '/read', undefined, { Origin: 'https://h5.example' })
      expect(Date.now() - started).toBeLessThan(2_000)
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('3')
      expect(res.body).toEqual({
        error: {
          code: 'SESSION_STORE_UNAVAILABLE',
          message: 'The session store is unavailable; try again shortly',
          // The load failed: nothing of this request was written, a retry is safe.
          outcome: 'not-applied',
        },
      })
      expect(JSON.stringify(res.body)).not.toContain('secret-detail')
      expect(res.token).toBeNull()
      expect(res.headers.get('access-control-expose-headers')).toMatch(/X-Header-Session/)
      flaky.set('ok')
      expect((await c.send('POST', '/count')).body).toEqual({ count: 2 })
    },
  )

  it('answers 503 when the commit fails, and the session is unchanged afterwards', async () => {
    const c = new TokenClient(server.url)
    await c.send('POST', '/count')
    const token = c.token
    const get = flaky.store.get
    flaky.store.get = async (...args) => {
      flaky.set('hang')
      const record = await (flaky.set('ok'), get(...args))
      flaky.set('hang')
      return record
    }
    const res = await c.send('POST', '/count')
    flaky.store.get = get
    flaky.set('ok')
    expect(res.status).toBe(503)
    // The commit was sent and did not answer: it may still land (a deadline cannot cancel it).
    expect(res.body).toMatchObject({
      error: { code: 'SESSION_STORE_UNAVAILABLE', outcome: 'unknown' },
    })
    expect(c.token).toBe(token)
    expect((await c.send('GET', '/read')).body).toMatchObject({ data: { count: 1 } })
  })

  it('says a first write that failed may have been stored, and sends no token', async () => {
    flaky.set('fail')
    const res = await new TokenClient(server.url).send('POST', '/count')
    expect(res.status).toBe(503)
    expect(res.body).toMatchObject({ error: { outcome: 'unknown' } })
    expect(res.token).toBeNull()
  })

  it('keeps the client on its old session when a login fails to delete the old id', async () => {
    const c = new TokenClient(server.url)
    await c.send('POST', '/count')
    const token = c.token
    const destroy = flaky.store.destroy
    flaky.store.destroy = () => Promise.reject(new Error('down'))
    const res = await c.send('POST', '/login', { userId: 'u-1' })
    flaky.store.destroy = destroy
    expect(res.status).toBe(503)
    expect(res.body).toMatchObject({ error: { outcome: 'unknown' } })
    expect(res.token).toBeNull()
    expect(c.token).toBe(token)
    expect((await c.send('GET', '/read')).body).toMatchObject({ data: { count: 1 }, userId: null })
  })

  it('serves requests without a token while the store is down', async () => {
    flaky.set('fail')
    const res = await new TokenClient(server.url).send('GET', '/nothing')
    expect(res.status).toBe(200)
  })

  it('reports store errors as events without the token', async () => {
    await new Promise((resolve) => setImmediate(resolve))
    const errors = events.filter((e) => e.type === 'storeError')
    expect(errors.length).toBeGreaterThan(0)
    expect(errors[0]).toMatchObject({ store: 'flaky', operation: expect.any(String) })
  })
})

describe('a session store given the data it stores', () => {
  it('gets the data already encoded on create, the text the middleware measured', async () => {
    const real = createMemoryStore()
    const created: unknown[][] = []
    const store: SessionStore = {
      ...real,
      create: (...args) => {
        created.push(args)
        return real.create(...args)
      },
    }
    const server = await listen(createSessionTestApp({ store }))
    try {
      const client = new TokenClient(server.url)
      await client.send('POST', '/set', { path: ['a', 'b'], value: 'ü' })
      expect(created).toHaveLength(1)
      const [id, record, dataJson] = created[0] as [string, { data: unknown }, string]
      expect(typeof id).toBe('string')
      expect(record.data).toEqual({ a: { b: 'ü' } })
      expect(dataJson).toBe('{"a":{"b":"ü"}}')
    } finally {
      await server.close()
    }
  })
})

describe('the session admin on a store that fails', () => {
  const real = createMemoryStore()
  const hanging = new Set<string>()
  const events: SessionEvent[] = []
  const hangs =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      hanging.has(name) ? new Promise<R>(() => {}) : fn(...args)
  const store: SessionStore = {
    ...real,
    kind: 'flaky',
    listByUser: hangs('listByUser', real.listByUser),
    destroy: hangs('destroy', real.destroy),
  }
  const sessions = createSessionMiddleware({
    store,
    storeTimeoutMs: 200,
    onEvent: (e) => events.push(e),
  })
  let server: TestServer
  beforeAll(async () => {
    const app = new Koa()
    app.silent = true
    app.use(sessions)
    app.use(async (ctx) => {
      if (ctx.path === '/login') {
        ctx.session.setUser('u-admin-outage', { device: 'phone' })
        ctx.body = {}
      } else if (ctx.path === '/sessions') {
        ctx.body = await sessions.admin.list('u-admin-outage')
      } else if (ctx.path === '/revoke-others') {
        ctx.body = await sessions.admin.revokeAll('u-admin-outage', { except: ctx.session.handle })
      }
    })
    server = await listen(app)
  })
  afterAll(() => server.close())
  afterEach(() => hanging.clear())

  it('answers 503 within its deadline, outcome not-applied for a listing', async () => {
    const c = new TokenClient(server.url)
    await c.send('POST', '/login')
    await new TokenClient(server.url).send('POST', '/login') // a second session, to revoke
    expect((await c.send('GET', '/sessions')).body).toHaveLength(2)
    hanging.add('listByUser')
    const started = Date.now()
    const res = await c.send('GET', '/sessions')
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('1')
    expect(res.body).toEqual({
      error: {
        code: 'SESSION_STORE_UNAVAILABLE',
        message: 'The session store is unavailable; try again shortly',
        outcome: 'not-applied',
      },
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'storeError', operation: 'listByUser', store: 'flaky' }),
    )
  })

  it('answers 503 outcome unknown once a revocation was sent and did not answer', async () => {
    const c = new TokenClient(server.url)
    await c.send('POST', '/login')
    hanging.add('destroy')
    const res = await c.send('POST', '/revoke-others')
    expect(res.status).toBe(503)
    expect(res.body).toMatchObject({
      error: { code: 'SESSION_STORE_UNAVAILABLE', outcome: 'unknown' },
    })
    // The store is back: so is the admin.
    hanging.clear()
    expect((await c.send('POST', '/revoke-others')).body).toBeGreaterThan(0)
  })

  it('rejects with SessionStoreUnavailableError when called outside a request', async () => {
    hanging.add('listByUser')
    await expect(sessions.admin.revokeAll('u-admin-outage')).rejects.toMatchObject({
      name: 'SessionStoreUnavailableError',
      status: 503,
      outcome: 'not-applied',
    })
  })
})

describe('eventTypes', () => {
  it('calls onEvent for the listed types only, store errors of the guard included', async () => {
    const flaky = flakyStore()
    const events: SessionEvent[] = []
    const server = await listen(
      createSessionTestApp({
        store: flaky.store,
        storeTimeoutMs: 200,
        onEvent: (e) => events.push(e),
        eventTypes: ['storeError', 'invalid'],
      }),
    )
    try {
      const c = new TokenClient(server.url)
      await c.send('POST', '/count')
      await c.send('GET', '/read')
      const malformed = new TokenClient(server.url)
      malformed.token = 'not a token'
      await malformed.send('GET', '/read')
      flaky.set('fail')
      expect((await c.send('GET', '/read')).status).toBe(503)
      await new Promise((resolve) => setImmediate(resolve))
      // No `created` nor `loaded`: those types were not asked for.
      expect(events.map((e) => e.type)).toEqual(['invalid', 'storeError'])
    } finally {
      await server.close()
    }
  })
})
