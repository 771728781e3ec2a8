import { TokenClient } from '../../session/test/support/http'
import { describeRoutes } from './support/route-app'

interface PublicSession {
  handle: string
  device: string | null
  createdAt: string
  lastSeenAt: string
  current: boolean
}

const DAY = 86_400_000

describeRoutes('the user’s sessions', (harness) => {
  const sessionsOf = async (c: TokenClient) =>
    (await c.send('GET', '/api/sessions')).body?.sessions as PublicSession[]

  it('lists the live sessions of the user with handles, devices and times', async () => {
    const phone = await harness().loggedIn('o-sessions-list', 'phone')
    const laptop = await harness().loggedIn('o-sessions-list', 'laptop')
    await harness().loggedIn('o-sessions-someone-else', 'other')
    const res = await phone.send('GET', '/api/sessions')
    expect(res.status).toBe(200)
    const sessions = res.body?.sessions as PublicSession[]
    expect(sessions).toHaveLength(2)
    expect(sessions.map((s) => [s.device, s.current]).sort()).toEqual([
      ['laptop', false],
      ['phone', true],
    ])
    for (const s of sessions) {
      expect(s.handle).toMatch(/^[A-Za-z0-9_-]{22}$/)
      expect(new Date(s.createdAt).toISOString()).toBe(s.createdAt)
      expect(new Date(s.lastSeenAt).toISOString()).toBe(s.lastSeenAt)
      // A handle is neither token.
      expect([phone.token, laptop.token].some((t) => t?.includes(s.handle))).toBe(false)
    }
    const fromLaptop = await sessionsOf(laptop)
    expect(fromLaptop.find((s) => s.current)?.device).toBe('laptop')
  })

  it('cannot use a handle as a token', async () => {
    const c = await harness().loggedIn('o-sessions-handle')
    const [own] = await sessionsOf(c)
    const thief = new TokenClient(harness().url)
    thief.token = own?.handle ?? null
    const res = await thief.send('GET', '/api/me')
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ error: { code: 'SESSION_EXPIRED' } })
  })

  it('revokes another session, whose next request gets 401 SESSION_EXPIRED', async () => {
    const phone = await harness().loggedIn('o-sessions-revoke', 'phone')
    const laptop = await harness().loggedIn('o-sessions-revoke', 'laptop')
    const target = (await sessionsOf(phone)).find((s) => s.device === 'laptop')
    const res = await phone.send('DELETE', `/api/sessions/${target?.handle}`)
    expect(res.status).toBe(204)
    expect(res.token).toBeNull() // the caller's own session is untouched
    const revoked = await laptop.send('GET', '/api/notes')
    expect(revoked.status).toBe(401)
    expect(revoked.body).toMatchObject({ error: { code: 'SESSION_EXPIRED' } })
    expect(revoked.token).toBe('')
    expect((await sessionsOf(phone)).map((s) => s.device)).toEqual(['phone'])
    // Gone is gone: the same handle again is 404.
    expect((await phone.send('DELETE', `/api/sessions/${target?.handle}`)).status).toBe(404)
  })

  it('revokes its own session like a logout', async () => {
    const c = await harness().loggedIn('o-sessions-self')
    const [own] = await sessionsOf(c)
    const res = await c.send('DELETE', `/api/sessions/${own?.handle}`)
    expect(res.status).toBe(204)
    expect(res.token).toBe('')
    expect(res.sessionStatus).toBe('destroyed')
  })

  it('revokes all the other sessions at once', async () => {
    const clients = []
    for (const device of ['a', 'b', 'c', 'd']) {
      clients.push(await harness().loggedIn('o-sessions-others', device))
    }
    const [keeper, ...others] = clients as [TokenClient, ...TokenClient[]]
    const res = await keeper.send('POST', '/api/sessions/revoke-others')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ revoked: 3 })
    for (const other of others) {
      expect((await other.send('GET', '/api/me')).body).toMatchObject({
        error: { code: 'SESSION_EXPIRED' },
      })
    }
    expect((await keeper.send('GET', '/api/me')).status).toBe(200)
    expect(await sessionsOf(keeper)).toMatchObject([{ device: 'a', current: true }])
  })

  it('does not list or revoke another user’s sessions', async () => {
    const mallory = await harness().loggedIn('o-sessions-mallory')
    const victim = await harness().loggedIn('o-sessions-victim')
    const [theirs] = await sessionsOf(victim)
    expect((await mallory.send('DELETE', `/api/sessions/${theirs?.handle}`)).status).toBe(404)
    expect((await mallory.send('POST', '/api/sessions/revoke-others')).body).toEqual({
      revoked: 0,
    })
    expect((await victim.send('GET', '/api/me')).status).toBe(200)
    expect((await mallory.send('DELETE', '/api/sessions/not-a-handle')).status).toBe(404)
  })

  it('leaves expired sessions out', async () => {
    const { clock } = harness()
    try {
      await harness().loggedIn('o-sessions-expired', 'old')
      clock.offsetMs = 6 * DAY
      const fresh = await harness().loggedIn('o-sessions-expired', 'fresh')
      clock.offsetMs = 8 * DAY // 'old' is idle for 8 days, past the 7-day idle timeout
      expect((await sessionsOf(fresh)).map((s) => s.device)).toEqual(['fresh'])
    } finally {
      clock.offsetMs = 0
    }
  })

  it('needs a login', async () => {
    const c = new TokenClient(harness().url)
    expect((await c.send('GET', '/api/sessions')).status).toBe(401)
    expect((await c.send('POST', '/api/sessions/revoke-others')).status).toBe(401)
    expect((await c.send('DELETE', '/api/sessions/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(401)
  })
})
