import * as adapter from './index'
import { StorageError } from '../errors/index'
import { describeMiniAdapter, loginServer } from '../../test/support/mini-adapter-suite'
import { createFakeMiniPlatform } from '../../test/support/fake-mini-platform'
import { jsonReply } from '../../test/support/fake-server'

describeMiniAdapter('wx', 'wx', {
  transport: adapter.createWxTransport,
  storage: adapter.createWxStorage,
  login: adapter.createWxLogin,
  client: adapter.createWxClient,
})

const baseURL = 'https://api.example.com'

describe('wx specifics', () => {
  it('never has more than 10 wx.request/uploadFile/downloadFile running', async () => {
    const api = createFakeMiniPlatform({ name: 'wx', server: () => ({ hang: true }) })
    const client = adapter.createWxClient({ api, baseURL, timeoutMs: 50 })
    const calls = Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0 ? client.upload('/u', { name: 'f', filePath: 'wxfile://a' }) : client.get('/x'),
    )
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(api.calls).toHaveLength(10)
    await Promise.allSettled(calls)
  })

  it("turns WeChat's 1 MB per-key limit into StorageError, keeping the token in memory", async () => {
    const api = createFakeMiniPlatform({ name: 'wx', server: loginServer, maxItemBytes: 10 })
    const client = adapter.createWxClient({ api, baseURL })
    const error = await client.login().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StorageError)
    expect(String((error as StorageError).cause)).toContain('exceed storage item max length')
    expect(client.hasSession).toBe(true)
  })

  it('sends the login code in a POST body with Cache-Control: no-store, never in the URL', async () => {
    const api = createFakeMiniPlatform({ name: 'wx', server: loginServer })
    await adapter.createWxClient({ api, baseURL }).login()
    expect(api.calls[0]).toMatchObject({
      url: baseURL + '/api/auth/login',
      method: 'POST',
      header: { 'Cache-Control': 'no-store', 'Content-Type': 'application/json' },
      data: '{"code":"wx-code-1"}',
    })
  })

  it("keeps the login's Cache-Control: no-store next to the client's headers", async () => {
    const api = createFakeMiniPlatform({ name: 'wx', server: loginServer })
    await adapter.createWxClient({ api, baseURL, headers: { 'X-App': 'demo' } }).login()
    expect(api.calls[0]?.header).toEqual({
      'X-App': 'demo',
      'Cache-Control': 'no-store',
      'Content-Type': 'application/json',
    })
  })

  it('sends wx.request a timeout only when one is set, so app.json networkTimeout applies', async () => {
    const api = createFakeMiniPlatform({ name: 'wx', server: () => jsonReply(200, {}) })
    await adapter.createWxClient({ api, baseURL, login: undefined }).get('/a')
    await adapter.createWxClient({ api, baseURL, timeoutMs: 5000 }).get('/b')
    await adapter.createWxClient({ api, baseURL }).upload('/c', {
      name: 'f',
      filePath: 'wxfile://a',
      timeoutMs: 300,
    })
    expect(api.calls[0]).not.toHaveProperty('timeout')
    expect(api.calls.map((c) => c.timeout)).toEqual([undefined, 5000, 300])
  })

  it('takes a custom login path, or no login at all', async () => {
    const api = createFakeMiniPlatform({
      name: 'wx',
      server: (r) =>
        jsonReply(
          200,
          {},
          r.url.endsWith('/wx/login') ? [['X-Header-Session', 'T'.repeat(43)]] : [],
        ),
    })
    await adapter.createWxClient({ api, baseURL, path: '/wx/login' }).login()
    expect(api.calls[0]?.url).toBe(baseURL + '/wx/login')
    await expect(
      adapter.createWxClient({ api, baseURL, login: undefined }).login(),
    ).rejects.toThrow('No login option')
  })

  it('never patches wx (plugins forbid it): a frozen wx works', async () => {
    const fake = createFakeMiniPlatform({ name: 'wx', server: loginServer })
    const api: adapter.MiniPlatformApi = Object.freeze({
      request: (o: adapter.MiniCallOptions) => fake.request(o),
      login: (o: Parameters<typeof fake.login>[0]) => fake.login(o),
      getStorageSync: (key: string) => fake.getStorageSync(key),
      setStorageSync: (key: string, value: string) => fake.setStorageSync(key, value),
      removeStorageSync: (key: string) => fake.removeStorageSync(key),
    })
    const client = adapter.createWxClient({ api, baseURL, auth: true })
    await expect(client.get('/api/counter')).resolves.toMatchObject({ data: { count: 1 } })
  })

  it('reports a wx.login failure as LoginError with its errMsg', async () => {
    const api = createFakeMiniPlatform({ name: 'wx', server: loginServer })
    api.login = (o) => void setTimeout(() => o.fail?.({ errMsg: 'login:fail network' }))
    await expect(adapter.createWxClient({ api, baseURL }).login()).rejects.toMatchObject({
      name: 'LoginError',
      message: 'login:fail network',
      cause: { errMsg: 'login:fail network' },
    })
  })
})
