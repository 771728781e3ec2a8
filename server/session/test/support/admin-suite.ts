import { randomBytes } from 'node:crypto'
import Koa from 'koa'
import { createSessionMiddleware, type SessionAdmin } from '../../src'
import type { SessionStore } from '../../src/types'
import { listen, TokenClient, type TestServer } from './http'

const DAY = 86_400_000

/** What the admin tests share with the protocol suite that runs them: its store and clock. */
export interface AdminHarness {
  store(): SessionStore
  now(): number
  setNow(ms: number): void
}

/**
 * The session admin (`createSessionMiddleware(...).admin`) on a store, beside a middleware on
 * the same store over real HTTP: what it lists, what it revokes, and what the revoked
 * sessions' next requests see.
 */
export function describeSessionAdmin(harness: AdminHarness): void {
  describe('session admin', () => {
    let server: TestServer
    let admin: SessionAdmin
    // Users of their own: the store may hold other suites' sessions.
    const run = randomBytes(4).toString('hex')
    const user = (name: string) => `admin-${run}-${name}`

    beforeAll(async () => {
      const sessions = createSessionMiddleware({
        store: harness.store(),
        now: () => harness.now(),
        idleTimeoutMs: DAY,
        absoluteTimeoutMs: 7 * DAY,
        touchIntervalMs: 60_000,
      })
      admin = sessions.admin
      const app = new Koa()
      app.silent = true
      app.use(sessions)
      app.use(async (ctx) => {
        if (ctx.path === '/login') {
          ctx.session.regenerate()
          ctx.session.setUser(String(ctx.query.userId), { device: String(ctx.query.device) })
          ctx.session.set('logged', true)
          ctx.body = { ok: true }
        } else if (ctx.path === '/sessions') {
          const userId = ctx.session.userId ?? String(ctx.query.userId)
          ctx.body = await sessions.admin.list(userId, { current: ctx.session.handle })
        } else {
          ctx.body = { handle: ctx.session.handle, userId: ctx.session.userId }
        }
      })
      server = await listen(app)
    })
    afterAll(() => server?.close())

    async function login(userId: string, device: string): Promise<TokenClient> {
      const client = new TokenClient(server.url)
      await client.send('POST', `/login?userId=${userId}&device=${device}`)
      return client
    }
    const handleOf = async (client: TokenClient) =>
      (await client.send('GET', '/me')).body?.handle as string

    it("lists a user's live sessions, most recently used first, by handle, never by id", async () => {
      const start = harness.now()
      const phone = await login(user('list'), 'phone')
      harness.setNow(start + 2 * 60_000)
      const laptop = await login(user('list'), 'laptop')
      await login(user('list-other'), 'other')
      const res = await laptop.send('GET', '/sessions')
      expect(res.body).toEqual([
        {
          handle: await handleOf(laptop),
          device: 'laptop',
          createdAt: start + 2 * 60_000,
          lastSeenAt: start + 2 * 60_000,
          current: true,
        },
        {
          handle: await handleOf(phone),
          device: 'phone',
          createdAt: start,
          lastSeenAt: start,
          current: false,
        },
      ])
      const listed = JSON.stringify(res.body)
      for (const token of [phone.token, laptop.token]) {
        expect(listed).not.toContain((token as string).split('.')[0])
      }
      // A use past the touch interval moves a session up.
      harness.setNow(start + 4 * 60_000)
      await phone.send('GET', '/me')
      const again = await admin.list(user('list'))
      expect(again.map((s) => [s.device, s.current])).toEqual([
        ['phone', false],
        ['laptop', false],
      ])
      harness.setNow(Date.now())
    })

    it('leaves out sessions past their idle or absolute timeout', async () => {
      const start = harness.now()
      await login(user('expiry'), 'idle')
      harness.setNow(start + 0.9 * DAY)
      const busy = await login(user('expiry'), 'busy')
      harness.setNow(start + 1.1 * DAY)
      expect((await admin.list(user('expiry'))).map((s) => s.device)).toEqual(['busy'])
      // Used every 0.9 days, it still ends 7 days after it began.
      for (let day = 1.8; day < 7.9; day += 0.9) {
        harness.setNow(start + day * DAY)
        await busy.send('GET', '/me')
      }
      harness.setNow(start + 8 * DAY)
      expect(await admin.list(user('expiry'))).toEqual([])
      harness.setNow(Date.now())
    })

    it('revokes one session by handle: its next request has no session', async () => {
      const keeper = await login(user('revoke'), 'keeper')
      const target = await login(user('revoke'), 'target')
      const handle = await handleOf(target)
      expect(await admin.revoke(user('revoke'), handle)).toBe(true)
      const next = await target.send('GET', '/me')
      expect(next.sessionStatus).toBe('expired')
      expect(next.body).toEqual({ handle: null, userId: null })
      expect((await keeper.send('GET', '/me')).body).toMatchObject({ userId: user('revoke') })
      // Gone is gone.
      expect(await admin.revoke(user('revoke'), handle)).toBe(false)
    })

    it("never revokes another user's session, nor anything for a string that is no handle", async () => {
      const victim = await login(user('victim'), 'phone')
      expect(await admin.revoke(user('mallory'), await handleOf(victim))).toBe(false)
      expect(await admin.revoke(user('victim'), 'not-a-handle')).toBe(false)
      expect(await admin.revoke(user('victim'), victim.token as string)).toBe(false)
      expect((await victim.send('GET', '/me')).body).toMatchObject({ userId: user('victim') })
    })

    it("revokes all of a user's sessions, or all but one", async () => {
      const clients = []
      for (const device of ['a', 'b', 'c']) clients.push(await login(user('all'), device))
      const [a, b, c] = clients as [TokenClient, TokenClient, TokenClient]
      expect(await admin.revokeAll(user('all'), { except: await handleOf(a) })).toBe(2)
      expect((await b.send('GET', '/me')).sessionStatus).toBe('expired')
      expect((await c.send('GET', '/me')).sessionStatus).toBe('expired')
      expect((await admin.list(user('all'))).map((s) => s.device)).toEqual(['a'])
      expect(await admin.revokeAll(user('all'))).toBe(1)
      expect((await a.send('GET', '/me')).sessionStatus).toBe('expired')
      expect(await admin.revokeAll(user('all'))).toBe(0)
    })

    it('keeps the spared session and the most recently used ones up to `keep`', async () => {
      const start = harness.now()
      const clients: TokenClient[] = []
      for (let i = 0; i < 4; i++) {
        harness.setNow(start + i * 2 * 60_000)
        clients.push(await login(user('keep'), `device-${i}`))
      }
      // The oldest is the one spared (the request's own, say at a login).
      const spared = await handleOf(clients[0]!)
      expect(await admin.revokeAll(user('keep'), { except: spared, keep: 2 })).toBe(2)
      const left = await admin.list(user('keep'), { current: spared })
      expect(left.map((s) => [s.device, s.current])).toEqual([
        ['device-3', false],
        ['device-0', true],
      ])
      harness.setNow(Date.now())
    })

    it('refuses a bad user id or keep with a clear error', async () => {
      await expect(admin.list('')).rejects.toThrow(/userId must be a string of 1 to 128/)
      await expect(admin.revokeAll('u', { keep: -1 })).rejects.toThrow(/keep must be an integer/)
      await expect(admin.revoke('u', 42 as unknown as string)).rejects.toThrow(/handle/)
    })
  })
}
