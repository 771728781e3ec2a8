import { createApp } from '../src/app'
import { createWechatStandIn } from '@header-session/testing'
import { migrateAll } from '../src/open-store'
import { createMemoryStore } from '@header-session/koa'
import { listen, type TestServer } from '../../session/test/support/http'
import { openTestDatabase } from '../../session/test/support/sql'

describe('the app before its routes', () => {
  let server: TestServer
  const database = openTestDatabase('sqlite')
  beforeAll(async () => {
    const knex = database.connect()
    await migrateAll(knex)
    server = await listen(
      createApp({ store: createMemoryStore(), knex, wechatStandIn: createWechatStandIn() }),
    )
  })
  afterAll(async () => {
    await server.close()
    await database.close()
  })

  it('answers a request without Origin with Vary: Origin and no CORS headers', async () => {
    const res = await fetch(`${server.url}/api/counter`)
    expect(res.status).toBe(200)
    expect(res.headers.get('vary')).toBe('Origin, X-Header-Session')
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(res.headers.get('access-control-expose-headers')).toBeNull()
  })

  it('gives the answers that skip the session Vary: Origin as well', async () => {
    for (const path of ['/healthz', '/readyz', '/']) {
      const res = await fetch(`${server.url}${path}`)
      await res.arrayBuffer()
      expect({ path, vary: res.headers.get('vary') }).toEqual({ path, vary: 'Origin' })
    }
  })

  it('leaves the paths under /api/ to the API, health-like ones included', async () => {
    const res = await fetch(`${server.url}/api/healthz`)
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such route' } })
    expect(res.headers.get('vary')).toBe('Origin, X-Header-Session')
  })

  it('answers a request with an Origin as CORS, any origin allowed by default', async () => {
    const res = await fetch(`${server.url}/api/counter`, {
      headers: { Origin: 'https://elsewhere.example' },
    })
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-expose-headers')).toBe(
      'X-Header-Session, X-Header-Session-Status, X-Request-Id',
    )
    expect(res.headers.get('vary')).toBe('Origin, X-Header-Session')
  })

  it('routes health paths as the router matches them: any case, a trailing slash', async () => {
    for (const path of ['/healthz', '/HEALTHZ', '/healthz/', '/ReadyZ']) {
      const res = await fetch(`${server.url}${path}`)
      expect({ path, status: res.status }).toEqual({ path, status: 200 })
    }
    const post = await fetch(`${server.url}/healthz`, { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toMatch(/GET/)
    expect((await fetch(`${server.url}/healthzz`)).status).toBe(404)
  })

  it('routes the WeChat stand-in under its path in any case', async () => {
    const res = await fetch(`${server.url}/__DEV/wechat/codes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ code: expect.any(String) })
  })
})
