import { request, type IncomingMessage } from 'node:http'
import type Koa from 'koa'
import type { SessionEvent } from '../../src'
import type { SessionStore } from '../../src/types'
import { describeSessionAdmin } from './admin-suite'
import { countingStore } from './counting-store'
import { holdableStore } from './holdable-store'
import { listen, TokenClient, type TestServer } from './http'
import { createSessionTestApp } from './session-app'

const DAY = 86_400_000
/** The suite's key for `setSecret` values. */
const ENCRYPTION_KEY = 'protocol-suite-encryption-key-0123456789'
/** A value set with `setSecret`, looked for in the store and in every answer. */
const SECRET = 'c2Vzc2lvbl9rZXlfb2Zfd2VjaGF0'

/** A store for the protocol suite, with a way to break one record. */
export interface ProtocolStore {
  store: SessionStore
  corrupt(id: string): Promise<void>
  close(): Promise<void>
}

/** PROTOCOL.md's server rules over real HTTP, run once per store (and on another `KoaClass`). */
export function describeSessionProtocol(
  name: string,
  open: (now: () => number) => Promise<ProtocolStore>,
  KoaClass?: typeof Koa,
): void {
  describe(`session protocol on ${name}`, () => {
    let clock = Date.now()
    const events: SessionEvent[] = []
    let backing: ProtocolStore
    let counter: ReturnType<typeof countingStore>
    let holder: ReturnType<typeof holdableStore>
    let server: TestServer
    const client = () => new TokenClient(server.url)
    const settle = () => new Promise((resolve) => setImmediate(resolve))

    beforeAll(async () => {
      backing = await open(() => clock)
      counter = countingStore(backing.store)
      holder = holdableStore(counter.store)
      server = await listen(
        createSessionTestApp(
          {
            store: holder.store,
            now: () => clock,
            idleTimeoutMs: DAY,
            absoluteTimeoutMs: 7 * DAY,
            touchIntervalMs: 60_000,
            encryptionKeys: [ENCRYPTION_KEY],
            onEvent: (e) => events.push(e),
          },
          KoaClass,
        ),
      )
    })
    afterAll(async () => {
      await server?.close()
      await backing?.close()
    })
    beforeEach(() => {
      counter.reset()
      events.length = 0
    })

    it('stores nothing and sends no token when nobody writes', async () => {
      const res = await client().send('GET', '/read')
      expect(res.status).toBe(200)
      expect(res.token).toBeNull()
      expect(res.body).toEqual({ data: {}, isNew: true, userId: null })
      expect(counter.total()).toBe(0)
    })

    it('keeps setSecret values on the server only, encrypted, across login, until logout', async () => {
      const c = client()
      const set = await c.send('POST', '/secret', { name: 'wechatSessionKey', value: SECRET })
      expect(set.sessionStatus).toBe('created')
      const id = c.token as string
      const stored = JSON.stringify(await backing.store.get(id, DAY))
      expect(stored).not.toContain(SECRET)
      expect(stored).toContain('aes256gcm.')
      const read = await c.send('GET', '/read')
      expect(read.body).toEqual({ data: {}, isNew: false, userId: null })
      expect(JSON.stringify(read.body)).not.toContain('aes256gcm')
      expect((await c.send('GET', '/secret/wechatSessionKey')).body).toEqual({ value: SECRET })
      await c.send('POST', '/replace-data')
      await c.send('POST', '/login', { userId: 'u-secret' })
      expect(c.token).not.toBe(id)
      expect((await c.send('GET', '/read')).body).toMatchObject({ data: { replaced: true } })
      expect((await c.send('GET', '/secret/wechatSessionKey')).body).toEqual({ value: SECRET })
      await c.send('POST', '/logout')
      expect((await c.send('GET', '/secret/wechatSessionKey')).body).toEqual({ value: null })
      await settle()
      expect(JSON.stringify(events)).not.toContain(SECRET)
    })

    it('creates a session on the first write and replays it', async () => {
      const c = client()
      const first = await c.send('POST', '/count')
      expect(first.body).toEqual({ count: 1 })
      expect(first.sessionStatus).toBe('created')
      expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(first.headers.get('cache-control')).toBe('private, no-store')
      const second = await c.send('POST', '/count')
      expect(second.body).toEqual({ count: 2 })
      expect(second.token).toBeNull()
      expect((await c.send('GET', '/read')).body).toMatchObject({
        data: { count: 2 },
        isNew: false,
      })
      await settle()
      expect(events.map((e) => e.type)).toEqual(['created', 'loaded', 'loaded'])
      expect(events.every((e) => !e.hint || e.hint.length <= 6)).toBe(true)
    })

    it('loads with one store round trip and writes nothing when nothing changed', async () => {
      const c = client()
      await c.send('POST', '/count')
      counter.reset()
      const res = await c.send('GET', '/read')
      expect(res.body).toMatchObject({ data: { count: 1 } })
      expect(counter.calls).toEqual({ get: 1 })
      counter.reset()
      await c.send('POST', '/count')
      expect(counter.calls).toEqual({ get: 1, commit: 1 })
    })

    it('marks every answer Vary and exposes both headers to cross-origin pages', async () => {
      const res = await client().send('GET', '/nothing', undefined, {
        Origin: 'https://h5.example',
      })
      expect(res.headers.get('vary')).toMatch(/X-Header-Session/)
      expect(res.headers.get('access-control-expose-headers')).toBe(
        'X-Header-Session, X-Header-Session-Status',
      )
      const sameOrigin = await client().send('GET', '/nothing')
      expect(sameOrigin.headers.get('vary')).toMatch(/X-Header-Session/)
      expect(sameOrigin.headers.get('access-control-expose-headers')).toBeNull()
    })

    it('never adopts an id it does not hold', async () => {
      const c = client()
      const unknown = 'A'.repeat(43)
      c.token = unknown
      const read = await c.send('GET', '/read')
      expect(read.token).toBe('')
      expect(read.sessionStatus).toBe('expired')
      expect(counter.calls.get).toBe(1)
      c.token = unknown
      const write = await c.send('POST', '/count')
      expect(write.sessionStatus).toBe('created')
      expect(write.token).not.toBe(unknown)
      expect(await backing.store.get(unknown, DAY)).toBeNull()
    })

    it.each([
      ['too long', 'A'.repeat(257)],
      ['bad characters', 'A'.repeat(42) + '$'],
      ['comma-joined', `${'A'.repeat(43)}, ${'B'.repeat(43)}`],
      ['not an id', 'abc'],
      ['signed without secrets', `${'A'.repeat(43)}.sig`],
    ])('answers a %s token with invalid, without touching the store', async (_, token) => {
      const c = client()
      c.token = token
      const res = await c.send('GET', '/read')
      expect(res.status).toBe(200)
      expect(res.token).toBe('')
      expect(res.sessionStatus).toBe('invalid')
      expect(counter.total()).toBe(0)
    })

    it('answers a token header sent twice with invalid, without touching the store', async () => {
      const c = client()
      await c.send('POST', '/count')
      counter.reset()
      const token = c.token as string
      const answer = await new Promise<IncomingMessage>((resolve, reject) => {
        const req = request(`${server.url}/read`, {
          // Raw header pairs (Node adds no Host to those): the same header twice, as a client or
          // a proxy may send it.
          headers: [
            'Host',
            new URL(server.url).host,
            'X-Header-Session',
            token,
            'X-Header-Session',
            token,
          ],
        })
        req.on('response', resolve).on('error', reject).end()
      })
      answer.resume()
      expect(answer.statusCode).toBe(200)
      expect(answer.headers['x-header-session']).toBe('')
      expect(answer.headers['x-header-session-status']).toBe('invalid')
      expect(counter.total()).toBe(0)
    })

    it('regenerates at login: new id, data kept, old id gone, user bound', async () => {
      const c = client()
      await c.send('POST', '/count')
      const old = c.token as string
      const login = await c.send('POST', '/login', { userId: 'u-7', device: 'phone' })
      expect(login.sessionStatus).toBe('rotated')
      expect(c.token).not.toBe(old)
      expect((await c.send('GET', '/read')).body).toEqual({
        data: { count: 1 },
        isNew: false,
        userId: 'u-7',
      })
      expect(await backing.store.get(old, DAY)).toBeNull()
      const listed = await backing.store.listByUser('u-7')
      expect(listed.map((s) => s.record.device)).toContain('phone')
    })

    it('destroys: empty token, status destroyed, old token expired afterwards', async () => {
      const c = client()
      await c.send('POST', '/count')
      const old = c.token as string
      const res = await c.send('POST', '/logout')
      expect(res.status).toBe(204)
      expect(res.token).toBe('')
      expect(res.sessionStatus).toBe('destroyed')
      c.token = old
      expect((await c.send('GET', '/read')).sessionStatus).toBe('expired')
    })

    it('commits nothing when the handler throws, and keeps the headers on the error', async () => {
      const c = client()
      await c.send('POST', '/count')
      const res = await c.send('POST', '/throw', undefined, { Origin: 'https://h5.example' })
      expect(res.status).toBe(409)
      expect(res.headers.get('vary')).toMatch(/X-Header-Session/)
      expect(res.headers.get('access-control-expose-headers')).toMatch(/X-Header-Session-Status/)
      expect((await c.send('GET', '/read')).body).toMatchObject({ data: { count: 1 } })
      const fresh = client()
      fresh.token = 'bad'
      const dropped = await fresh.send('POST', '/throw')
      expect(dropped.status).toBe(409)
      expect(dropped.sessionStatus).toBe('invalid')
      expect(dropped.token).toBe('')
    })

    it('keeps what was saved explicitly before a throw', async () => {
      const c = client()
      const res = await c.send('POST', '/save-then-throw')
      expect(res.status).toBe(500)
      expect(res.sessionStatus).toBe('created')
      expect((await c.send('GET', '/read')).body).toMatchObject({ data: { saved: true } })
    })

    it('expires after the idle timeout, and a touch keeps a used session alive', async () => {
      const c = client()
      await c.send('POST', '/count')
      const start = clock
      for (let i = 1; i <= 3; i++) {
        clock = start + i * 0.9 * DAY
        expect((await c.send('GET', '/read')).token).toBeNull()
      }
      clock += 1.1 * DAY
      const res = await c.send('GET', '/read')
      expect(res.sessionStatus).toBe('expired')
      expect(res.token).toBe('')
      clock = Date.now()
    })

    it('expires at the absolute timeout however busy the session is', async () => {
      const c = client()
      await c.send('POST', '/count')
      const start = clock
      let status: string | null = null
      for (let day = 0.5; day <= 8 && status === null; day += 0.5) {
        clock = start + day * DAY
        status = (await c.send('POST', '/count')).sessionStatus
        if (status === 'created') {
          expect(day).toBeGreaterThanOrEqual(7)
          status = 'expired-then-created'
        }
      }
      expect(status).toBe('expired-then-created')
      clock = Date.now()
    })

    it('keeps all 10 changes of parallel requests on one session', async () => {
      const c = client()
      await c.send('POST', '/count')
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          c.send('POST', '/set', { path: ['cart', `sku${i}`], value: i, delayMs: 20 }),
        ),
      )
      const data = (await c.send('GET', '/read')).body?.data as { cart: Record<string, number> }
      expect(data.cart).toEqual(
        Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`sku${i}`, i])),
      )
    })

    it('keeps a change committed meanwhile when a request that loaded earlier commits', async () => {
      const c = client()
      await c.send('POST', '/count')
      const slow = c.send('POST', '/set', { path: ['slow'], value: true, delayMs: 200 })
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect((await c.send('POST', '/count')).body).toEqual({ count: 2 })
      expect((await slow).status).toBe(200)
      expect((await c.send('GET', '/read')).body).toMatchObject({ data: { count: 2, slow: true } })
      expect((await c.send('POST', '/count')).body).toEqual({ count: 3 })
      expect((await c.send('GET', '/read')).body).toMatchObject({ data: { count: 3, slow: true } })
    })

    /** A second client on the same token (another request of the same app). */
    const sameToken = (token: string) => Object.assign(client(), { token })

    it('fails a slow write whose session was logged out meanwhile (409), and stores nothing', async () => {
      const c = client()
      await c.send('POST', '/count')
      const token = c.token as string
      const slow = c.send('POST', '/set', { path: ['late'], value: true, delayMs: 300 })
      await new Promise((resolve) => setTimeout(resolve, 50))
      await sameToken(token).send('POST', '/logout')
      const late = await slow
      expect(late.status).toBe(409)
      expect(late.body).toEqual({
        error: { code: 'SESSION_CONFLICT', message: expect.stringMatching(/not stored/) },
      })
      // No token header: the client keeps what it holds now (here: nothing, after the logout).
      expect(late.token).toBeNull()
      expect(late.headers.get('cache-control')).toBe('private, no-store')
      const id = token.split('.')[0] as string
      expect(await backing.store.get(id, DAY)).toBeNull()
      await settle()
      expect(events.map((e) => e.type)).toContain('conflict')
    })

    it('fails a slow write that commits after a login replaced its session (409)', async () => {
      const c = client()
      await c.send('POST', '/count')
      const token = c.token as string
      const slow = sameToken(token).send('POST', '/set', {
        path: ['late'],
        value: true,
        delayMs: 300,
      })
      await new Promise((resolve) => setTimeout(resolve, 50))
      const login = await c.send('POST', '/login', { userId: 'racer' })
      expect(login.sessionStatus).toBe('rotated')
      const late = await slow
      expect(late.status).toBe(409)
      expect(late.body).toMatchObject({ error: { code: 'SESSION_CONFLICT' } })
      expect(late.token).toBeNull()
      // Nothing half-stored: the new session has the count, not the refused write.
      const read = await c.send('GET', '/read')
      expect(read.body).toEqual({ data: { count: 1 }, isNew: false, userId: 'racer' })
    })

    it('carries into a login the writes other requests committed while it ran', async () => {
      const c = client()
      await c.send('POST', '/count')
      const token = c.token as string
      // The login has made the new record and waits to delete the old id: a write on the old
      // token commits in that gap, and is answered 200.
      const hold = holder.holdNextDestroy()
      const login = c.send('POST', '/login', { userId: 'carrier', device: 'phone' })
      await hold.reached
      const write = await sameToken(token).send('POST', '/set', {
        path: ['cart', 'A1'],
        value: 2,
      })
      expect(write.status).toBe(200)
      hold.release()
      expect((await login).sessionStatus).toBe('rotated')
      const read = await c.send('GET', '/read')
      expect(read.body).toEqual({
        data: { count: 1, cart: { A1: 2 } },
        isNew: false,
        userId: 'carrier',
      })
      // The old id is gone, and a write on it after the login is not a write to the new session.
      const id = token.split('.')[0] as string
      expect(await backing.store.get(id, DAY)).toBeNull()
      expect((await c.send('POST', '/count')).body).toEqual({ count: 2 })
    })

    it('answers a read whose session went away meanwhile, without a token header', async () => {
      const c = client()
      await c.send('POST', '/count')
      const token = c.token as string
      clock += 61_000 // the read's touch is due: it commits
      const slow = sameToken(token).send('GET', '/read?delayMs=300')
      await new Promise((resolve) => setTimeout(resolve, 50))
      await sameToken(token).send('POST', '/logout')
      const late = await slow
      expect(late.status).toBe(200)
      expect(late.body).toMatchObject({ data: { count: 1 } })
      expect(late.token).toBeNull()
    })

    it('marks every answer private, no-store unless the route set its own', async () => {
      const c = client()
      expect((await c.send('GET', '/read')).headers.get('cache-control')).toBe('private, no-store')
      await c.send('POST', '/count')
      const read = await c.send('GET', '/read')
      expect(read.token).toBeNull()
      expect(read.headers.get('cache-control')).toBe('private, no-store')
      expect((await c.send('POST', '/throw')).headers.get('cache-control')).toBe(
        'private, no-store',
      )
      // The route's own choice stands, unless the answer carries a token.
      const own = await c.send('GET', '/cacheable')
      expect(own.headers.get('cache-control')).toBe('public, max-age=60')
      const fresh = await client().send('POST', '/count-cacheable')
      expect(fresh.sessionStatus).toBe('created')
      expect(fresh.headers.get('cache-control')).toBe('private, no-store')
    })

    it('refuses data over the size cap with a clear error and stores nothing', async () => {
      const c = client()
      const big = await c.send('POST', '/set', { path: ['blob'], value: 'x'.repeat(70_000) })
      expect(big.status).toBe(413)
      expect(big.body).toEqual({
        error: { code: 'SESSION_DATA_TOO_LARGE', message: expect.stringMatching(/65536/) },
      })
      expect(big.token).toBeNull()
      await c.send('POST', '/count')
      const again = await c.send('POST', '/set', { path: ['blob'], value: 'x'.repeat(70_000) })
      expect(again.status).toBe(413)
      expect((await c.send('GET', '/read')).body).toMatchObject({ data: { count: 1 } })
    })

    it('turns a corrupt record into a fresh session and an event, never a 500', async () => {
      const c = client()
      await c.send('POST', '/count')
      await backing.corrupt(c.token as string)
      const res = await c.send('GET', '/read')
      expect(res.status).toBe(200)
      expect(res.sessionStatus).toBe('invalid')
      expect(res.body).toMatchObject({ data: {}, isNew: true })
      await settle()
      expect(events.find((e) => e.type === 'invalid')?.reason).toMatch(/corrupt/)
    })

    // The session admin, on the same store and clock.
    describeSessionAdmin({
      store: () => backing.store,
      now: () => clock,
      setNow: (ms) => {
        clock = ms
      },
    })
  })
}
