import { TokenClient } from '../../session/test/support/http'
import { describeRoutes, devCode } from './support/route-app'

describeRoutes('POST /api/auth/login, GET /api/me, POST /api/auth/logout', (harness) => {
  const login = (c: TokenClient, code: string, headers: Record<string, string> = {}) =>
    c.send('POST', '/api/auth/login', { code }, headers)

  it('logs in through the stand-in, rotating to a new token, and never returns session_key', async () => {
    const { url } = harness()
    const c = new TokenClient(url)
    const res = await login(c, await devCode(url, { openid: 'o-alice-login' }))
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      user: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        createdAt: expect.any(String),
        phone: null,
      },
    })
    const user = res.body?.user as { id: string; createdAt: string }
    expect(new Date(user.createdAt).toISOString()).toBe(user.createdAt)
    expect(res.sessionStatus).toBe('created')
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(JSON.stringify(res.body)).not.toMatch(/session_key|sessionKey|openid|o-alice-login/)

    const me = await c.send('GET', '/api/me')
    expect(me.status).toBe(200)
    expect(me.body).toEqual({ user })
    expect(me.token).toBeNull()
  })

  it('finds the same user again by openid, and rotates the token of an existing session', async () => {
    const { url } = harness()
    const c = new TokenClient(url)
    const first = await login(c, await devCode(url, { openid: 'o-bob-again' }))
    const before = c.token
    const second = await login(c, await devCode(url, { openid: 'o-bob-again' }))
    expect(second.status).toBe(200)
    expect(second.sessionStatus).toBe('rotated')
    expect(c.token).not.toBe(before)
    expect(second.body).toEqual(first.body)
    // The old id is gone (no fixation, no second live token).
    const stale = new TokenClient(url)
    stale.token = before
    expect((await stale.send('GET', '/api/me')).body).toMatchObject({
      error: { code: 'SESSION_EXPIRED' },
    })
  })

  it('keeps the anonymous cart across the login, but not another user’s data', async () => {
    const { url } = harness()
    const c = new TokenClient(url)
    await c.send('PUT', '/api/cart/items/A1', { qty: 2 })
    await login(c, await devCode(url, { openid: 'o-carol-cart' }))
    expect((await c.send('GET', '/api/cart')).body).toEqual({ items: { A1: 2 } })
    await login(c, await devCode(url, { openid: 'o-dave-other' }))
    expect((await c.send('GET', '/api/cart')).body).toEqual({ items: {} })
  })

  it('creates one user when two logins of the same openid race', async () => {
    const { url } = harness()
    const codes = await Promise.all([1, 2, 3, 4].map(() => devCode(url, { openid: 'o-race' })))
    const answers = await Promise.all(codes.map((code) => login(new TokenClient(url), code)))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200])
    expect(new Set(answers.map((a) => (a.body?.user as { id: string }).id)).size).toBe(1)
    const rows = await harness().knex('users').where({ openid: 'o-race' })
    expect(rows).toHaveLength(1)
  })

  it('answers 401 SESSION_REQUIRED without a token or with an anonymous session', async () => {
    const { url } = harness()
    const c = new TokenClient(url)
    const none = await c.send('GET', '/api/me')
    expect(none.status).toBe(401)
    expect(none.body).toEqual({ error: { code: 'SESSION_REQUIRED', message: expect.any(String) } })
    await c.send('POST', '/api/counter')
    expect(c.token).not.toBeNull()
    expect((await c.send('GET', '/api/me')).body).toMatchObject({
      error: { code: 'SESSION_REQUIRED' },
    })
  })

  it('answers 401 SESSION_EXPIRED to a dropped token, and keeps the session headers', async () => {
    const { url } = harness()
    const c = new TokenClient(url)
    c.token = 'x'.repeat(43)
    const unknown = await c.send('GET', '/api/me')
    expect(unknown.status).toBe(401)
    expect(unknown.body).toMatchObject({ error: { code: 'SESSION_EXPIRED' } })
    expect(unknown.sessionStatus).toBe('expired')
    expect(unknown.token).toBe('')
    c.token = 'not a token'
    const malformed = await c.send('GET', '/api/notes')
    expect(malformed.body).toMatchObject({ error: { code: 'SESSION_EXPIRED' } })
    expect(malformed.sessionStatus).toBe('invalid')
  })

  it('logs out: 204, an empty token with status destroyed, and the old token is refused', async () => {
    const { url, loggedIn } = harness()
    const c = await loggedIn()
    const token = c.token
    const res = await c.send('POST', '/api/auth/logout')
    expect(res.status).toBe(204)
    expect(res.token).toBe('')
    expect(res.sessionStatus).toBe('destroyed')
    const old = new TokenClient(url)
    old.token = token
    expect((await old.send('GET', '/api/me')).body).toMatchObject({
      error: { code: 'SESSION_EXPIRED' },
    })
    // Logging out without a session is a no-op.
    const anonymous = await new TokenClient(url).send('POST', '/api/auth/logout')
    expect(anonymous.status).toBe(204)
    expect(anonymous.token).toBeNull()
  })

  it('answers 400 WECHAT_LOGIN_FAILED with the errcode for a used, unknown or rate-limited code', async () => {
    const { url, standIn, knex } = harness()
    const users = Number((await knex('users').count({ n: '*' }))[0]?.n)
    const c = new TokenClient(url)
    const code = await devCode(url)
    expect((await login(c, code)).status).toBe(200)
    const fresh = new TokenClient(url)
    const cases: [string, number][] = [
      [code, 40163],
      ['no-such-code', 40029],
      [standIn.issueCode({ errcode: 45011 }), 45011],
      [standIn.issueCode({ errcode: 40226 }), 40226],
    ]
    for (const [given, errcode] of cases) {
      const res = await login(fresh, given)
      expect(res.status).toBe(400)
      expect(res.body).toEqual({
        error: { code: 'WECHAT_LOGIN_FAILED', message: expect.any(String), wechatErrcode: errcode },
      })
      expect(fresh.token).toBeNull()
    }
    // Only the one good login made a user.
    expect(Number((await knex('users').count({ n: '*' }))[0]?.n)).toBe(users + 1)
  })

  it('answers 502 WECHAT_UNAVAILABLE when WeChat is busy, too slow or unreachable', async () => {
    const { url, standIn, variant } = harness()
    const c = new TokenClient(url)
    const busy = await login(c, standIn.issueCode({ errcode: -1 }))
    expect(busy.status).toBe(502)
    expect(busy.body).toEqual({
      error: { code: 'WECHAT_UNAVAILABLE', message: expect.any(String) },
    })
    const started = Date.now()
    const slow = await login(c, standIn.issueCode({ delayMs: 2_000 }))
    expect(slow.status).toBe(502)
    expect(slow.body).toMatchObject({ error: { code: 'WECHAT_UNAVAILABLE' } })
    expect(Date.now() - started).toBeLessThan(1_500) // the harness's timeout is 500 ms
    expect(c.token).toBeNull()

    const dead = await variant({
      wechat: { appId: 'wx0', secret: 's', apiBase: 'http://127.0.0.1:9', timeoutMs: 1_000 },
    })
    const unreachable = await login(new TokenClient(dead.url), 'any-code')
    expect(unreachable.status).toBe(502)
    expect(unreachable.body).toMatchObject({ error: { code: 'WECHAT_UNAVAILABLE' } })

    // Our own credentials refused (40125) is the server's fault: 502, not the client's 400.
    const misconfigured = await variant({
      wechat: { appId: standIn.appId, secret: 'wrong', timeoutMs: 1_000 },
    })
    const refused = await login(new TokenClient(misconfigured.url), standIn.issueCode())
    expect(refused.status).toBe(502)
  })

  it('answers 400 VALIDATION_FAILED for a missing or odd code', async () => {
    const { url } = harness()
    const c = new TokenClient(url)
    for (const body of [
      {},
      { code: '' },
      { code: 42 },
      { code: 'has space' },
      { code: 'x'.repeat(129) },
    ]) {
      const res = await c.send('POST', '/api/auth/login', body)
      expect(res.status).toBe(400)
      expect(res.body).toEqual({
        error: {
          code: 'VALIDATION_FAILED',
          message: expect.any(String),
          fields: { code: expect.any(String) },
        },
      })
    }
  })

  it('labels the session with X-Client-Device', async () => {
    const { loggedIn } = harness()
    const c = await loggedIn(undefined, 'iPhone 15 / WeChat 8.0.50')
    const list = await c.send('GET', '/api/sessions')
    expect(list.body).toMatchObject({
      sessions: [{ device: 'iPhone 15 / WeChat 8.0.50', current: true }],
    })
  })
})
