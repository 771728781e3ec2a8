import { createWxClient } from '../../src/wx/index'
import { SessionExpiredError } from '../../src/errors/index'
import type { ClientResponse } from '../../src/core/client-types'
import { createWxRuntime, type WxRuntime } from '@header-session/testing'
import { IDLE_TIMEOUT_MS, startRealServer, type RealServer } from './real-server'

describe('wx adapter against the real server (wx-on-Node runtime)', () => {
  let server: RealServer
  let wx: WxRuntime
  beforeAll(async () => {
    server = await startRealServer()
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.clock.offsetMs = 0
    wx = createWxRuntime({ login: () => server.standIn.issueCode({ openid: 'o-sdk-wx' }) })
  })
  const api = () => wx
  const client = (auth = false) => createWxClient({ api: api(), baseURL: server.url, auth })
  const key = () => 'header-session:' + server.url

  it('counts, and the count survives a client restart through wx storage', async () => {
    const first = client()
    expect((await first.post('/api/counter')).data).toEqual({ count: 1 })
    expect((await first.post('/api/counter')).data).toEqual({ count: 2 })
    expect(wx.getStorageSync(key())).toMatch(/^[\w.-]{43,}$/)
    const restarted = client()
    expect((await restarted.get('/api/counter')).data).toEqual({ count: 2 })
    expect((await restarted.post('/api/counter')).data).toEqual({ count: 3 })
  })

  it("sees the session header in the server's casing", async () => {
    const seen: ClientResponse[] = []
    const c = createWxClient({
      api: api(),
      baseURL: server.url,
      hooks: { afterResponse: (r) => void seen.push(r) },
    })
    await c.post('/api/counter')
    expect(Object.keys(seen[0]?.headers.raw ?? {})).toEqual(
      expect.arrayContaining(['X-Header-Session', 'X-Header-Session-Status']),
    )
  })

  it('logs in once (one wx.login, one code) for 20 parallel callers', async () => {
    const c = client(true)
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => c.get<{ user: { id: string } }>('/api/me')),
    )
    expect(new Set(answers.map((a) => a.data.user.id)).size).toBe(1)
    expect(wx.stats.logins).toBe(1)
    expect(wx.stats.requests).toBe(21)
  })

  it('keeps the anonymous counter across the login', async () => {
    const c = client()
    await c.post('/api/counter')
    const anonymous = c.getToken()
    await c.login()
    expect(c.getToken()).not.toBe(anonymous)
    expect((await c.get('/api/counter')).data).toEqual({ count: 1 })
  })

  it('logs in again and replays once when the session expires', async () => {
    const c = client(true)
    const before = (await c.get<{ user: { id: string } }>('/api/me')).data.user.id
    const oldToken = c.getToken()
    server.clock.offsetMs = IDLE_TIMEOUT_MS + 1000
    const after = await c.get<{ user: { id: string } }>('/api/me')
    expect(after.data.user.id).toBe(before)
    expect(wx.stats.logins).toBe(2)
    expect(c.getToken()).not.toBe(oldToken)
  })

  it('gets a fresh code when WeChat says the code was used', async () => {
    const code = server.standIn.issueCode({ openid: 'o-sdk-reuse' })
    const codes = [code, code]
    wx = createWxRuntime({
      login: () => codes.shift() ?? server.standIn.issueCode({ openid: 'o-sdk-reuse' }),
    })
    const c = client(true)
    await c.login()
    await c.login()
    expect(wx.stats.logins).toBe(3)
    await expect(c.get('/api/me')).resolves.toMatchObject({ status: 200 })
  })

  it('logout revokes and clears memory and storage', async () => {
    const c = client()
    await c.login()
    await c.logout()
    expect(c.hasSession).toBe(false)
    expect(wx.entries.has(key())).toBe(false)
    const error = await c.get('/api/me').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SessionExpiredError)
    expect(error).toMatchObject({ reason: 'SESSION_REQUIRED' })
  })

  it('reports a refused code as LoginError', async () => {
    wx = createWxRuntime({ login: () => server.standIn.issueCode({ errcode: 40226 }) })
    await expect(client().login()).rejects.toMatchObject({ name: 'LoginError', status: 400 })
  })
})
