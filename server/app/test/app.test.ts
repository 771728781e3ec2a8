import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../src/app'
import { createWechatStandIn } from '@header-session/testing'
import { migrateAll } from '../src/open-store'
import { createMemoryStore, type SessionEvent, type SessionEventType } from '@header-session/koa'
import { captureLogs } from './support/log-capture'
import { listen, TokenClient, type TestServer } from '../../session/test/support/http'
import { openTestDatabase } from '../../session/test/support/sql'

describe('the demo app', () => {
  let server: TestServer
  const database = openTestDatabase('sqlite')
  beforeAll(async () => {
    const knex = database.connect()
    await migrateAll(knex)
    server = await listen(
      createApp({
        store: createMemoryStore(),
        knex,
        wechatStandIn: createWechatStandIn(),
        corsOrigins: ['https://h5.example'],
      }),
    )
  })
  afterAll(async () => {
    await server.close()
    await database.close()
  })

  it('counts in the session', async () => {
    const c = new TokenClient(server.url)
    expect((await c.send('GET', '/api/counter')).body).toEqual({ count: 0 })
    expect((await c.send('POST', '/api/counter')).body).toEqual({ count: 1 })
    expect((await c.send('POST', '/api/counter')).body).toEqual({ count: 2 })
    expect((await c.send('GET', '/api/counter')).body).toEqual({ count: 2 })
    expect((await new TokenClient(server.url).send('GET', '/api/counter')).body).toEqual({
      count: 0,
    })
  })

  it('answers health and readiness', async () => {
    const c = new TokenClient(server.url)
    expect((await c.send('GET', '/healthz')).body).toEqual({ ok: true })
    expect((await c.send('GET', '/readyz')).body).toEqual({
      ok: true,
      store: 'memory',
      database: 'sqlite3',
    })
  })

  it('answers a CORS preflight for the session header from an allowed origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/counter`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'x-header-session, content-type',
        },
      })
    const allowed = await preflight('https://h5.example')
    expect(allowed.status).toBe(204)
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://h5.example')
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/X-Header-Session/)
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull()
    const denied = await preflight('https://evil.example')
    expect(denied.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('exposes the session headers to the page on answers and on errors', async () => {
    const res = await fetch(`${server.url}/api/counter`, {
      method: 'POST',
      headers: { Origin: 'https://h5.example' },
    })
    expect(res.headers.get('access-control-expose-headers')).toBe(
      'X-Header-Session, X-Header-Session-Status, X-Request-Id',
    )
    const bad = await fetch(`${server.url}/api/counter`, {
      method: 'POST',
      headers: {
        Origin: 'https://h5.example',
        'content-type': 'application/json',
        'x-header-session': 'junk',
      },
      body: '{broken',
    })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({
      error: { code: 'INVALID_JSON', message: expect.any(String) },
    })
    expect(bad.headers.get('access-control-allow-origin')).toBe('https://h5.example')
    expect(bad.headers.get('access-control-expose-headers')).toMatch(/X-Header-Session-Status/)
    expect(bad.headers.get('x-header-session-status')).toBe('invalid')
  })

  it('refuses bodies over 64 KiB with 413', async () => {
    const res = await new TokenClient(server.url).send('POST', '/api/counter', {
      pad: 'x'.repeat(70_000),
    })
    expect(res.status).toBe(413)
    expect(res.body).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) } })
  })

  it('answers unknown routes with JSON 404', async () => {
    const res = await new TokenClient(server.url).send('GET', '/api/nope')
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No such route' } })
  })
})

describe('the server process', () => {
  const main = join(__dirname, '../dist/main.js')
  beforeAll(() => {
    if (!existsSync(main))
      spawnSync('npx', ['tsc', '-b', join(__dirname, '..')], { stdio: 'inherit' })
  })

  it('exits with a message naming a bad variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-main-'))
    const run = spawnSync(process.execPath, [main], {
      env: { ...process.env, PORT: '3000', SESSION_STORE: 'nosql' },
      cwd: dir,
      encoding: 'utf8',
      timeout: 20_000,
    })
    rmSync(dir, { recursive: true, force: true })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(
      'Invalid configuration: SESSION_STORE: expected "sql" or "redis", got "nosql"',
    )
  })
})

describe("the app's session events", () => {
  const database = openTestDatabase('sqlite')
  afterAll(() => database.close())

  /** Creates a session, reads it, and sends a malformed token; returns what was heard. */
  async function journey(session: { eventTypes?: SessionEventType[] }) {
    const knex = database.connect()
    await migrateAll(knex)
    const heard: SessionEvent[] = []
    const logs = captureLogs()
    const server = await listen(
      createApp({
        store: createMemoryStore(),
        knex,
        wechatStandIn: createWechatStandIn(),
        logger: logs.logger,
        session: { ...session, onEvent: (event) => heard.push(event) },
      }),
    )
    try {
      const c = new TokenClient(server.url)
      await c.send('POST', '/api/counter')
      await c.send('GET', '/api/counter')
      const malformed = new TokenClient(server.url)
      malformed.token = 'junk'
      await malformed.send('GET', '/api/counter')
      await new Promise((resolve) => setImmediate(resolve))
      return { heard: heard.map((event) => event.type), warned: logs.find('invalid').length }
    } finally {
      await server.close()
    }
  }

  it("hands the caller's listener every event by default", async () => {
    expect(await journey({})).toEqual({ heard: ['created', 'loaded', 'invalid'], warned: 1 })
  })

  it("hands it only its eventTypes, and still logs the app's warnings", async () => {
    expect(await journey({ eventTypes: ['created'] })).toEqual({ heard: ['created'], warned: 1 })
  })
})
