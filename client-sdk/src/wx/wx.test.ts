import * as adapter from './index'
import { NetworkError, StorageError, TimeoutError } from '../errors/index'
import { describeMiniAdapter, loginServer } from '../../test/support/mini-adapter-suite'
import { createFakeMiniPlatform } from '../../test/support/fake-mini-platform'
import { jsonReply } from '../../test/support/fake-server'

describeMiniAdapter(
  'wx',
  'wx',
  {
    transport: adapter.createWxTransport,
    storage: adapter.createWxStorage,
    login: adapter.createWxLogin,
    client: adapter.createWxClient,
    getLoginCode: adapter.getWxLoginCode,
  },
  {
    native: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    readings: {
      'miniprogram-api-typings 5.2.3 and the wx.request page': [
        'OPTIONS',
        'GET',
        'HEAD',
        'POST',
        'PUT',
        'DELETE',
        'TRACE',
        'CONNECT',
      ],
    },
  },
)

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

  it('checkSession() asks wx.checkSession, and logs in again when it fails', async () => {
    const api = createFakeMiniPlatform({ name: 'wx', server: loginServer })
    let sessionKeyValid = true
    let checks = 0
    const wx = Object.assign(api, {
      checkSession: (callbacks: { success?: () => void; fail?: () => void }) => {
        checks++
        if (sessionKeyValid) callbacks.success?.()
        else callbacks.fail?.()
      },
    })
    const client = adapter.createWxClient({ api: wx, baseURL, auth: true })
    await client.get('/count')
    await client.checkSession()
    expect([api.logins, checks]).toEqual([1, 1])
    sessionKeyValid = false
    await client.checkSession()
    expect([api.logins, checks]).toEqual([2, 2])
    // Without checkSession on the platform object, a token is taken as good.
    const plain = createFakeMiniPlatform({ name: 'wx', server: loginServer })
    const other = adapter.createWxClient({ api: plain, baseURL, auth: true })
    await other.get('/count')
    await other.checkSession()
    expect(plain.logins).toBe(1)
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

  it('names the request domain list when a URL is not in it (errno 600002)', async () => {
    const api = createFakeMiniPlatform({
      name: 'wx',
      server: loginServer,
      domains: ['https://other.example.com'],
    })
    const error = await adapter
      .createWxClient({ api, baseURL })
      .get('/api/counter')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', errno: 600002 })
    const message = (error as NetworkError).message
    expect(message).toMatch(/^request:fail url not in domain list \(errno 600002: /)
    expect(message).toContain(`${baseURL} is not in the request domain list`)
    expect(message).toContain('request 合法域名')
    expect(message).toContain('不校验合法域名')
    expect((error as NetworkError).cause).toEqual({
      errMsg: 'request:fail url not in domain list',
      errno: 600002,
    })
  })

  it.each([
    [
      600003,
      'request:fail interrupted',
      'request:fail interrupted (errno 600003: network interrupted)',
    ],
    [600000, 'request:fail', 'request:fail (errno 600000: unknown network error)'],
    [602001, 'request:fail something new', 'request:fail something new'],
    [undefined, 'request:fail ssl hand shake error', 'request:fail ssl hand shake error'],
  ])(
    'keeps errno %p on the NetworkError, naming the ones WeChat lists',
    async (errno, errMsg, message) => {
      const api = createFakeMiniPlatform({ name: 'wx', server: loginServer })
      api.request = (o) => void setTimeout(() => o.fail?.({ errMsg, errno }))
      const error = await adapter
        .createWxClient({ api, baseURL })
        .get('/x')
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(NetworkError)
      expect(error).toMatchObject({ message, errno })
    },
  )

  it('keeps a platform timeout a TimeoutError, errno or not', async () => {
    const api = createFakeMiniPlatform({ name: 'wx', server: loginServer })
    api.request = (o) =>
      void setTimeout(() => o.fail?.({ errMsg: 'request:fail timeout', errno: 5 }))
    const error = await adapter
      .createWxClient({ api, baseURL })
      .get('/x')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
  })

  it('refuses an upload without filePath before calling wx.uploadFile (which requires one)', async () => {
    const api = createFakeMiniPlatform({ name: 'wx', server: loginServer })
    const client = adapter.createWxClient({ api, baseURL, login: undefined })
    await expect(client.upload('/u', { name: 'f' })).rejects.toThrow(
      'Option "filePath" must be a local file path for mini-program uploads',
    )
    expect(api.calls).toHaveLength(0)
  })

  it("passes wx.request's own options, the client's under the call's, the SDK's fields winning", async () => {
    const api = createFakeMiniPlatform({ name: 'wx', server: () => jsonReply(200, {}) })
    const client = adapter.createWxClient({
      api,
      baseURL,
      login: undefined,
      platformOptions: { enableHttp2: true, useHighPerformanceMode: false },
    })
    await client.get('/a')
    await client.get('/b', { platformOptions: { enableCache: true, useHighPerformanceMode: true } })
    await client.upload('/c', {
      name: 'f',
      filePath: 'wxfile://a',
      platformOptions: { enableQuic: true },
    })
    const names = ['enableHttp2', 'enableCache', 'enableQuic', 'useHighPerformanceMode']
    const own = (call: object) =>
      Object.fromEntries(Object.entries(call).filter(([name]) => names.includes(name)))
    expect(api.calls.map(own)).toEqual([
      { enableHttp2: true, useHighPerformanceMode: false },
      { enableHttp2: true, enableCache: true, useHighPerformanceMode: true },
      { enableHttp2: true, enableQuic: true, useHighPerformanceMode: false },
    ])
    const sneaky = { url: 'https://elsewhere.example', method: 'PATCH', header: {} }
    await client.get('/d', { platformOptions: sneaky as never })
    expect(api.calls[3]).toMatchObject({ url: baseURL + '/d', method: 'GET' })
  })

  it("ends a call at a 3xx under redirect 'manual', with its status and Location", async () => {
    const api = createFakeMiniPlatform({
      name: 'wx',
      server: (r) =>
        r.url.endsWith('/old')
          ? { status: 302, headers: [['Location', baseURL + '/new']] }
          : jsonReply(200, {}),
    })
    const client = adapter.createWxClient({ api, baseURL, login: undefined, timeoutMs: 1000 })
    const response = await client.get('/old', {
      platformOptions: { redirect: 'manual' },
      throwHttpErrors: false,
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(baseURL + '/new')
  })

  it("runs the README's recipe: token in the login body, X-Auth-Token, a bare 401", async () => {
    let live = ''
    let issued = 0
    const api = createFakeMiniPlatform({
      name: 'wx',
      server: (r) => {
        if (r.url.endsWith('/auth/wechat')) {
          live = `T${++issued}`.padEnd(43, 'x')
          return jsonReply(200, { token: live })
        }
        return r.headers['X-Auth-Token'] === live
          ? jsonReply(200, { ok: true })
          : jsonReply(401, { status: 401, error: 'Unauthorized' })
      },
    })
    const client = adapter.createWxClient({
      api,
      baseURL,
      auth: true,
      headerName: 'X-Auth-Token',
      isSessionRejected: (response) => response.status === 401,
      login: async ({ request }) => {
        const code = await adapter.getWxLoginCode({ api })
        const { data } = await request<{ token: string }>('/auth/wechat', {
          method: 'POST',
          json: { code },
        })
        return data.token
      },
    })
    await expect(client.get('/api/me')).resolves.toMatchObject({ data: { ok: true } })
    live = 'revoked'
    await expect(client.get('/api/me')).resolves.toMatchObject({ data: { ok: true } })
    expect(api.logins).toBe(2)
    expect(client.getToken()).toBe('T2'.padEnd(43, 'x'))
    expect(api.calls.map((c) => JSON.parse(String(c.data ?? 'null')))).toEqual([
      { code: 'wx-code-1' },
      null,
      null,
      { code: 'wx-code-2' },
      null,
    ])
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
      request: (o: adapter.MiniRequestOptions) => fake.request(o),
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
