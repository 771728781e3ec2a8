import Koa from 'koa'
import { createMemoryStore, createSessionMiddleware, type SessionStore } from '../src'
import { listen, type TestServer } from './support/http'

/** A store whose loads fail, as one that is down: the middleware answers 503 itself. */
function downStore(): SessionStore {
  const store = createMemoryStore()
  return { ...store, get: () => Promise.reject(new Error('store down')) }
}

/** The middleware with `vary`, after `before` (a CORS layer, say); `/accept` adds `Accept`. */
async function serve(options: {
  vary?: readonly string[]
  before?: (ctx: Koa.Context) => void
  store?: SessionStore
}): Promise<TestServer> {
  const app = new Koa()
  app.silent = true
  app.use(async (ctx, next) => {
    options.before?.(ctx)
    await next()
  })
  app.use(
    createSessionMiddleware({ store: options.store ?? createMemoryStore(), vary: options.vary }),
  )
  app.use((ctx) => {
    if (ctx.path === '/accept') ctx.vary('Accept')
    ctx.body = { ok: true }
  })
  return listen(app)
}

async function varyOf(server: TestServer, path = '/', headers: Record<string, string> = {}) {
  const res = await fetch(server.url + path, { headers })
  await res.arrayBuffer()
  return { status: res.status, vary: res.headers.get('vary') }
}

describe('the vary option', () => {
  const servers: TestServer[] = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()))
  })
  const start = async (options: Parameters<typeof serve>[0]) => {
    const server = await serve(options)
    servers.push(server)
    return server
  }

  it('lists the session header alone by default', async () => {
    expect(await varyOf(await start({}))).toEqual({ status: 200, vary: 'X-Header-Session' })
  })

  it('lists its names before the session header, once each in any case', async () => {
    const server = await start({ vary: ['Origin', 'origin'] })
    expect(await varyOf(server)).toEqual({ status: 200, vary: 'Origin, X-Header-Session' })
    // Header names are case-insensitive: the first spelling stays.
    const listed = await start({ vary: ['x-header-session', 'Origin'] })
    expect((await varyOf(listed)).vary).toBe('x-header-session, Origin')
  })

  it('merges with what an earlier layer set, and keeps what a later one adds', async () => {
    const server = await start({ vary: ['Origin'], before: (ctx) => ctx.vary('origin') })
    expect((await varyOf(server)).vary).toBe('origin, X-Header-Session')
    expect((await varyOf(server, '/accept')).vary).toBe('origin, X-Header-Session, Accept')
    const other = await start({ vary: ['Origin'], before: (ctx) => ctx.vary('Accept-Language') })
    expect((await varyOf(other)).vary).toBe('Accept-Language, Origin, X-Header-Session')
  })

  it('is on the answers the middleware makes itself, a 503 of a store that is down', async () => {
    const server = await start({ vary: ['Origin'], store: downStore() })
    // A token that parses, so that the middleware asks the store.
    const token = 'A'.repeat(43)
    expect(await varyOf(server, '/', { 'X-Header-Session': token })).toEqual({
      status: 503,
      vary: 'Origin, X-Header-Session',
    })
  })
})
