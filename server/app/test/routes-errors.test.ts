import { createApp } from '../src/app'
import type { SessionStore } from '@header-session/koa'
import { listen, TokenClient } from '../../session/test/support/http'
import { describeRoutes, openRouteHarness } from './support/route-app'

/** What a request id made by the app looks like (`createRequestIds`). */
const NEW_REQUEST_ID = /^[0-9a-f]{12}-[0-9a-z]+$/

async function raw(
  url: string,
  method: string,
  body: string,
  headers: Record<string, string> = {},
) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
  return { status: res.status, headers: res.headers, body: (await res.json()) as unknown }
}

describeRoutes('errors of the reference app', (harness) => {
  it('answers 400 INVALID_JSON to malformed JSON, and writes nothing', async () => {
    const { url } = harness()
    for (const body of ['{"qty": ', '"just a string"', '{"__proto__": {"qty": 1}}']) {
      const res = await raw(`${url}/api/cart/items/A1`, 'PUT', body)
      expect(res.status).toBe(400)
      expect(res.body).toEqual({ error: { code: 'INVALID_JSON', message: expect.any(String) } })
      expect(res.headers.get('x-header-session')).toBeNull()
    }
  })

  it('answers 413 to bodies over 64 KiB', async () => {
    const c = await harness().loggedIn()
    const res = await c.send('POST', '/api/notes', { text: 'x', pad: 'y'.repeat(66_000) })
    expect(res.status).toBe(413)
    expect(res.body).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) } })
    expect((await c.send('GET', '/api/notes')).body).toEqual({ notes: [] })
  })

  it('answers VALIDATION_FAILED to a body that is not an object', async () => {
    const c = await harness().loggedIn()
    const res = await c.send('POST', '/api/notes', ['text'])
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', fields: { body: expect.any(String) } },
    })
  })

  it('answers JSON 404 and 405', async () => {
    const c = new TokenClient(harness().url)
    const missing = await c.send('GET', '/api/nothing-here')
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No such route' } })
    const wrongMethod = await c.send('DELETE', '/api/cart')
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toMatch(/GET/)
    expect(wrongMethod.body).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } })
  })

  it('keeps CORS and session headers on a 401', async () => {
    const res = await fetch(`${harness().url}/api/me`, {
      headers: { Origin: 'https://h5.example', 'X-Header-Session': 'y'.repeat(43) },
    })
    expect(res.status).toBe(401)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-expose-headers')).toMatch(/X-Header-Session-Status/)
    expect(res.headers.get('x-header-session-status')).toBe('expired')
    expect(res.headers.get('x-request-id')).toMatch(NEW_REQUEST_ID)
  })

  it('echoes a sane X-Request-Id', async () => {
    const res = await fetch(`${harness().url}/healthz`, { headers: { 'X-Request-Id': 'abc-123' } })
    expect(res.headers.get('x-request-id')).toBe('abc-123')
    const odd = await fetch(`${harness().url}/healthz`, { headers: { 'X-Request-Id': 'a b' } })
    expect(odd.headers.get('x-request-id')).not.toBe('a b')
    // A token sent as the request id is never kept (nor logged): ids are shorter than tokens.
    const token = 'T'.repeat(43)
    const tokenAsId = await fetch(`${harness().url}/healthz`, {
      headers: { 'X-Request-Id': token },
    })
    expect(tokenAsId.headers.get('x-request-id')).toMatch(NEW_REQUEST_ID)
  })

  it('answers readiness with the store and the database', async () => {
    const res = await new TokenClient(harness().url).send('GET', '/readyz')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ ok: true, store: expect.any(String), database: 'sqlite3' })
  })
})

describe('a session store that stops answering', () => {
  it('answers 503 SESSION_STORE_UNAVAILABLE on the session routes, within the timeout', async () => {
    const harness = await openRouteHarness('sqlite')
    try {
      const c = await harness.loggedIn('o-outage')
      await harness.loggedIn('o-outage') // a second session of the user, to revoke
      let down = false
      let destroyDown = false
      const flaky: SessionStore = Object.create(harness.store) as SessionStore
      flaky.listByUser = (userId) =>
        down ? new Promise(() => {}) : harness.store.listByUser(userId)
      flaky.destroy = (id) => (destroyDown ? new Promise(() => {}) : harness.store.destroy(id))
      flaky.ping = () => (down ? new Promise(() => {}) : harness.store.ping())
      const server = await listen(
        createApp({
          store: flaky,
          knex: harness.knex,
          wechatStandIn: harness.standIn,
          session: { storeTimeoutMs: 200 },
        }),
      )
      try {
        const other = new TokenClient(server.url)
        other.token = c.token
        expect((await other.send('GET', '/api/sessions')).status).toBe(200)
        down = true
        const started = Date.now()
        const res = await other.send('GET', '/api/sessions')
        expect(res.status).toBe(503)
        expect(res.headers.get('retry-after')).toBe('1')
        // A listing wrote nothing: the client may send it again.
        expect(res.body).toMatchObject({
          error: { code: 'SESSION_STORE_UNAVAILABLE', outcome: 'not-applied' },
        })
        expect(Date.now() - started).toBeLessThan(1_000)
        // Readiness waits as long as the session middleware does, not a deadline of its own.
        const readyStarted = Date.now()
        const ready = await other.send('GET', '/readyz')
        expect(ready.status).toBe(503)
        expect(ready.body).toMatchObject({ ok: false, storeOk: false, databaseOk: true })
        expect(Date.now() - readyStarted).toBeLessThan(1_000)
        // A revoke was sent and did not answer: it may still happen.
        down = false
        destroyDown = true
        const revoke = await other.send('POST', '/api/sessions/revoke-others')
        expect(revoke.status).toBe(503)
        expect(revoke.body).toMatchObject({
          error: { code: 'SESSION_STORE_UNAVAILABLE', outcome: 'unknown' },
        })
      } finally {
        await server.close()
      }
    } finally {
      await harness.close()
    }
  })
})
