import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../src/app'
import { createWechatStandIn } from '@header-session/testing'
import { migrateAll } from '../src/open-store'
import { createMemoryStore } from '@header-session/koa'
import { listen, type TestServer } from '../../session/test/support/http'
import { openTestDatabase } from '../../session/test/support/sql'

describe('the H5 page and the SDK build (webRoutes)', () => {
  let server: TestServer
  const database = openTestDatabase('sqlite')
  // A stand-in for client-sdk/dist/esm: this test must not depend on the SDK being built.
  const sdkDir = mkdtempSync(join(tmpdir(), 'hs-web-sdk-'))
  beforeAll(async () => {
    mkdirSync(join(sdkDir, 'fetch'))
    writeFileSync(join(sdkDir, 'index.mjs'), 'export const core = 1\n')
    writeFileSync(join(sdkDir, 'fetch', 'index.mjs'), 'export const fetchAdapter = 1\n')
    writeFileSync(join(sdkDir, 'secret.json'), '{}')
    const knex = database.connect()
    await migrateAll(knex)
    server = await listen(
      createApp({
        store: createMemoryStore(),
        knex,
        wechatStandIn: createWechatStandIn(),
        web: { sdkDir },
      }),
    )
  })
  afterAll(async () => {
    await server.close()
    await database.close()
    rmSync(sdkDir, { recursive: true, force: true })
  })
  const get = (path: string, init?: RequestInit) => fetch(server.url + path, init)

  it('serves the page at / with its content type, no-cache and a CSP, without a session', async () => {
    const res = await get('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toMatch(/connect-src 'self' http: https:/)
    expect(res.headers.get('x-header-session')).toBeNull()
    const html = await res.text()
    for (const id of ['login', 'openid', 'me', 'counter-value', 'counter-inc', 'cart', 'error']) {
      expect(html).toContain(`id="${id}"`)
    }
  })

  it('serves app.js and style.css with their content types', async () => {
    const script = await get('/app.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toContain("import('./sdk/index.mjs')")
    const style = await get('/style.css')
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('serves the SDK build under /sdk/ as JavaScript modules', async () => {
    const core = await get('/sdk/index.mjs')
    expect(core.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await core.text()).toBe('export const core = 1\n')
    expect(await (await get('/sdk/fetch/index.mjs')).text()).toContain('fetchAdapter')
  })

  it('serves nothing else: other files, dot segments and missing modules are 404', async () => {
    for (const path of [
      '/sdk/secret.json',
      '/sdk/%2e%2e/package.json',
      '/sdk/../index.mjs',
      '/sdk/missing.mjs',
      '/sdk/a/b/c.mjs',
      '/index.htm',
    ]) {
      const res = await get(path)
      expect({ path, status: res.status }).toEqual({ path, status: 404 })
    }
    const posted = await get('/', { method: 'POST' })
    expect(posted.status).toBe(404)
  })

  it('answers HEAD like GET, without a body', async () => {
    const res = await get('/', { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
  })
})
