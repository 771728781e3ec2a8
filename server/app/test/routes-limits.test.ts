import { createServer, type AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import Redis from 'ioredis'
import pino from 'pino'
import type { RateRule } from '../src/limits'
import { REDIS_CLIENT_OPTIONS } from '@header-session/koa/redis'
import { TokenClient } from '../../session/test/support/http'
import {
  devCode,
  openRouteHarness,
  type RouteHarness,
  type RouteStoreKind,
} from './support/route-app'
import { describeWith } from '../../session/test/support/services'

const MINUTE = 60_000
const perMinute = (points: number): RateRule => ({ points, windowMs: MINUTE })
const perSecond = (points: number): RateRule => ({ points, windowMs: 1_000 })
const OFF: RateRule = { points: 0, windowMs: 1_000 }
const ONLY_CAP = { sessionsPerAddress: OFF, loginsPerAddress: OFF, loginsPerOpenid: OFF }

/** A pino logger whose JSON lines land in `lines`. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n'))
        if (line) lines.push(JSON.parse(line) as Record<string, unknown>)
      done()
    },
  })
  return { logger: pino({ level: 'info' }, stream), lines }
}

const newSession = (url: string, headers: Record<string, string> = {}) =>
  new TokenClient(url).send('POST', '/api/counter', undefined, headers)

const login = (url: string, code: string, client = new TokenClient(url)) =>
  client.send('POST', '/api/auth/login', { code })

function expectRateLimited(res: Awaited<ReturnType<TokenClient['send']>>, maxSeconds: number) {
  expect(res.status).toBe(429)
  expect(res.body).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) } })
  const retryAfter = Number(res.headers.get('retry-after'))
  expect(Number.isInteger(retryAfter)).toBe(true)
  expect(retryAfter).toBeGreaterThanOrEqual(1)
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds)
  expect(res.headers.get('cache-control')).toMatch(/no-store/)
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

function describeLimits(kind: RouteStoreKind): void {
  const describeIt = kind === 'redis' ? describeWith('redis') : describe
  describeIt(`rate limits over HTTP (sessions and counts in ${kind})`, () => {
    describe('anonymous sessions per client address', () => {
      let h: RouteHarness
      beforeAll(async () => {
        h = await openRouteHarness(kind, {
          limits: { sessionsPerAddress: perMinute(3), loginsPerAddress: OFF, loginsPerOpenid: OFF },
        })
      })
      afterAll(() => h?.close())

      it('refuses a new session past the limit with 429 and Retry-After, storing nothing', async () => {
        const kept = new TokenClient(h.url)
        expect((await kept.send('POST', '/api/counter')).sessionStatus).toBe('created')
        for (let i = 0; i < 2; i++) expect((await newSession(h.url)).status).toBe(200)
        const refused = await newSession(h.url)
        expectRateLimited(refused, 60)
        expect(refused.token).toBeNull()
        expect(refused.headers.get('x-header-session-status')).toBeNull()
        // Reads and sessions that exist are not limited.
        expect((await new TokenClient(h.url).send('GET', '/api/counter')).status).toBe(200)
        expect((await kept.send('POST', '/api/counter')).body).toEqual({ count: 2 })
      })

      it('shares the count between two app instances on one store', async () => {
        const other = await h.variant({})
        // The first test used up this address's window on the first instance.
        expectRateLimited(await newSession(other.url), 60)
      })

      it('does not count the session a login creates (the login limits do)', async () => {
        const res = await login(h.url, await devCode(h.url))
        expect(res.status).toBe(200)
        expect(res.sessionStatus).toBe('created')
      })
    })

    describe('a window that ends', () => {
      let h: RouteHarness
      beforeAll(async () => {
        h = await openRouteHarness(kind, {
          limits: { sessionsPerAddress: perSecond(1), loginsPerAddress: OFF, loginsPerOpenid: OFF },
        })
      })
      afterAll(() => h?.close())

      it('lets sessions through again after Retry-After', async () => {
        expect((await newSession(h.url)).status).toBe(200)
        const refused = await newSession(h.url)
        expectRateLimited(refused, 1)
        await new Promise((resolve) => setTimeout(resolve, 1_100))
        expect((await newSession(h.url)).status).toBe(200)
      })
    })

    describe('logins', () => {
      let h: RouteHarness
      beforeAll(async () => {
        h = await openRouteHarness(kind, {
          limits: {
            sessionsPerAddress: OFF,
            loginsPerAddress: perMinute(4),
            loginsPerOpenid: perMinute(2),
            maxSessionsPerUser: 0,
          },
        })
      })
      afterAll(() => h?.close())

      it('refuses a third login of one openid a minute; other users go on', async () => {
        for (let i = 0; i < 2; i++)
          expect(
            (await login(h.url, await devCode(h.url, { openid: 'o-limit-alice' }))).status,
          ).toBe(200)
        const refused = await login(h.url, await devCode(h.url, { openid: 'o-limit-alice' }))
        expectRateLimited(refused, 60)
        expect(refused.token).toBeNull()
        expect((await login(h.url, await devCode(h.url, { openid: 'o-limit-bob' }))).status).toBe(
          200,
        )
      })

      it('refuses logins from one address past its limit, before WeChat sees the code', async () => {
        // Four logins counted so far from 127.0.0.1: the fifth is refused.
        const code = await devCode(h.url, { openid: 'o-limit-carol' })
        const other = await h.variant({})
        expectRateLimited(await login(other.url, code), 60)
        // Not exchanged with WeChat: an app without the address limit takes the same code.
        const open = await h.variant({ limits: { ...ONLY_CAP, maxSessionsPerUser: 0 } })
        expect((await login(open.url, code)).status).toBe(200)
      })
    })

    describe('sessions per user', () => {
      let h: RouteHarness
      beforeAll(async () => {
        h = await openRouteHarness(kind, { limits: { ...ONLY_CAP, maxSessionsPerUser: 2 } })
      })
      afterAll(() => h?.close())

      it('revokes the least recently used sessions at a login past the cap', async () => {
        const phone = await h.loggedIn('o-cap-dave', 'phone')
        const laptop = await h.loggedIn('o-cap-dave', 'laptop')
        // The phone is used later than the laptop (past the touch interval, so it is recorded).
        h.clock.offsetMs = 2 * MINUTE
        try {
          expect((await phone.send('GET', '/api/me')).status).toBe(200)
          const tablet = await h.loggedIn('o-cap-dave', 'tablet')
          const revoked = await laptop.send('GET', '/api/me')
          expect(revoked.status).toBe(401)
          expect(revoked.body).toMatchObject({ error: { code: 'SESSION_EXPIRED' } })
          expect((await phone.send('GET', '/api/me')).status).toBe(200)
          const listed = await tablet.send('GET', '/api/sessions')
          const devices = (listed.body?.sessions as Array<{ device: string }>).map((s) => s.device)
          expect(devices.sort()).toEqual(['phone', 'tablet'])
        } finally {
          h.clock.offsetMs = 0
        }
      })

      it('never revokes the session of the login itself, nor another user’s', async () => {
        const other = await h.loggedIn('o-cap-erin', 'only')
        const clients: TokenClient[] = []
        for (let i = 0; i < 4; i++) clients.push(await h.loggedIn('o-cap-frank', `device-${i}`))
        const [last, beforeLast] = [clients[3] as TokenClient, clients[2] as TokenClient]
        expect((await last.send('GET', '/api/me')).status).toBe(200)
        expect((await beforeLast.send('GET', '/api/me')).status).toBe(200)
        for (const gone of clients.slice(0, 2))
          expect((await gone.send('GET', '/api/me')).status).toBe(401)
        expect((await other.send('GET', '/api/me')).status).toBe(200)
      })
    })

    describe('TRUST_PROXY and the client address', () => {
      let h: RouteHarness
      beforeAll(async () => {
        h = await openRouteHarness(kind, {
          limits: { sessionsPerAddress: perMinute(1), loginsPerAddress: OFF, loginsPerOpenid: OFF },
        })
      })
      afterAll(() => h?.close())

      it('off (the default): X-Forwarded-For is ignored, the peer is counted and logged', async () => {
        const { logger, lines } = capturedLogger()
        const app = await h.variant({ logger })
        expect((await newSession(app.url, { 'X-Forwarded-For': '198.51.100.1' })).status).toBe(200)
        expectRateLimited(await newSession(app.url, { 'X-Forwarded-For': '198.51.100.2' }), 60)
        const requests = lines.filter((l) => l.msg === 'request')
        expect(requests).toHaveLength(2)
        for (const line of requests) expect(line.client).toBe('127.0.0.1')
      })

      it('on: the address a listed proxy forwards is counted and logged', async () => {
        const { logger, lines } = capturedLogger()
        const app = await h.variant({ logger, trustProxy: ['127.0.0.0/8', '::1'] })
        const via = (address: string) => ({ 'X-Forwarded-For': `1.1.1.1, ${address}` })
        expect((await newSession(app.url, via('198.51.100.11'))).status).toBe(200)
        expect((await newSession(app.url, via('198.51.100.12'))).status).toBe(200)
        expectRateLimited(await newSession(app.url, via('198.51.100.11')), 60)
        const clients = lines.filter((l) => l.msg === 'request').map((l) => l.client)
        expect(clients).toEqual(['198.51.100.11', '198.51.100.12', '198.51.100.11'])
      })

      it('on, from a peer that is not listed: X-Forwarded-For is ignored', async () => {
        const { logger, lines } = capturedLogger()
        const app = await h.variant({ logger, trustProxy: ['10.0.0.0/8'] })
        await newSession(app.url, { 'X-Forwarded-For': '198.51.100.21' })
        expect(lines.find((l) => l.msg === 'request')?.client).toBe('127.0.0.1')
      })
    })

    describe('a limit store that fails', () => {
      let h: RouteHarness
      let dead: Redis
      beforeAll(async () => {
        h = await openRouteHarness(kind)
        // A real client whose server is gone: it tried once and gave up.
        dead = new Redis(await closedPort(), '127.0.0.1', {
          ...REDIS_CLIENT_OPTIONS,
          retryStrategy: () => null,
        })
        dead.on('error', () => {})
        await new Promise((resolve) => dead.once('end', resolve))
      })
      afterAll(async () => {
        if (dead && dead.status !== 'end') dead.disconnect()
        await h?.close()
      })

      it('does not take the app down: it counts in memory and warns', async () => {
        const { logger, lines } = capturedLogger()
        const app = await h.variant({
          logger,
          limits: {
            store: { type: 'redis', client: dead },
            sessionsPerAddress: perMinute(2),
            loginsPerAddress: OFF,
            loginsPerOpenid: OFF,
          },
        })
        expect((await newSession(app.url)).status).toBe(200)
        expect((await newSession(app.url)).status).toBe(200)
        expectRateLimited(await newSession(app.url), 60)
        const warnings = lines.filter((l) => l.msg === 'limit store failed; counting in memory')
        // One warning per 10 s at most, however many requests failed over.
        expect(warnings).toHaveLength(1)
        expect(warnings[0]).toMatchObject({ level: 40, limit: 'sessions', store: 'redis' })
      })
    })
  })
}

describeLimits('sqlite')
describeLimits('redis')
