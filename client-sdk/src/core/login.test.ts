import { createClient } from './client'
import { createCodeLogin } from './code-login'
import type { LoginFunction } from './client-types'
import { HeaderNotExposedError } from '../errors/header-not-exposed-error'
import { LoginError } from '../errors/login-error'
import { QueueFullError } from '../errors/queue-full-error'
import {
  deferred,
  fakeTransport,
  flush,
  json,
  sentToken,
  token,
} from '../../test/support/fake-transport'
import { isLogin, loginServer } from '../../test/support/login-server'

const baseURL = 'https://api.example.com'

describe('single-flight login', () => {
  it('runs exactly one login for 20 parallel callers, and uses its code once', async () => {
    const server = loginServer()
    const client = createClient({
      baseURL,
      transport: server.transport,
      login: server.login,
      auth: true,
    })
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.get(`/api/item/${i}`)),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(server.logins()).toBe(1)
    expect(server.codes).toHaveLength(1)
    const loginBodies = server.transport.requests
      .filter(isLogin)
      .map((r) => r.kind === 'request' && r.body)
    expect(loginBodies).toEqual(['{"code":"code-1"}'])
    const others = server.transport.requests.filter((r) => !isLogin(r))
    expect(others.map(sentToken)).toEqual(Array(20).fill(token('login-1')))
  })

  it('holds every call while a login runs, and ignores answers sent before it', async () => {
    const gate = deferred()
    const early = deferred()
    const transport = fakeTransport(async (r) => {
      if (isLogin(r)) {
        await gate.promise
        return json(200, {}, { 'X-Header-Session': token('fresh') })
      }
      if (r.url.endsWith('/early')) {
        await early.promise
        return json(200, {}, { 'X-Header-Session': token('anon') }) // sent before the login
      }
      return json(200, {})
    })
    const login: LoginFunction = async (ctx) =>
      void (await ctx.request('/api/auth/login', { method: 'POST' }))
    const client = createClient({ baseURL, transport, login })
    const earlyCall = client.get('/early')
    await flush()
    const loggingIn = client.login()
    const waiting = client.get('/plain')
    await flush()
    expect(transport.requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/early',
      '/api/auth/login',
    ])
    early.resolve()
    await earlyCall
    expect(client.getToken()).toBeNull() // the pre-login answer cannot set a token
    gate.resolve()
    await loggingIn
    await waiting
    expect(sentToken(transport.requests[2])).toBe(token('fresh'))
  })

  it('bounds the calls waiting for a login (maxQueue)', async () => {
    const gate = deferred()
    const transport = fakeTransport(async (r) => {
      if (isLogin(r)) await gate.promise
      return json(200, {}, isLogin(r) ? { 'X-Header-Session': token('t') } : {})
    })
    const login: LoginFunction = async (ctx) => void (await ctx.request('/api/auth/login'))
    const client = createClient({ baseURL, transport, login, maxQueue: 2 })
    const loggingIn = client.login()
    const calls = [client.get('/1'), client.get('/2'), client.get('/3')]
    await expect(calls[2]).rejects.toBeInstanceOf(QueueFullError)
    await expect(calls[2]).rejects.toThrow('Queue full (maxQueue 2)')
    gate.resolve()
    await Promise.all([loggingIn, calls[0], calls[1]])
  })

  it('rejects every waiting caller with the LoginError, then lets a later call log in again', async () => {
    let attempt = 0
    const transport = fakeTransport((r) =>
      isLogin(r)
        ? ++attempt === 1
          ? json(500, {})
          : json(200, {}, { 'X-Header-Session': token('ok') })
        : json(200, {}),
    )
    const login = createCodeLogin({ getCode: async () => 'c' + attempt })
    const client = createClient({ baseURL, transport, login, auth: true })
    const results = await Promise.allSettled([client.get('/a'), client.get('/b')])
    expect(results.map((r) => r.status === 'rejected' && r.reason)).toEqual([
      expect.any(LoginError),
      expect.any(LoginError),
    ])
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({
      status: 500,
      code: 'LOGIN_FAILED',
    })
    await expect(client.get('/c')).resolves.toMatchObject({ ok: true })
    expect(attempt).toBe(2)
  })

  it('gets a fresh code once when the server says the code was used', async () => {
    const bodies: string[] = []
    const transport = fakeTransport((r) => {
      if (r.kind === 'request' && isLogin(r)) bodies.push(String(r.body))
      if (bodies.length === 1)
        return json(400, {
          error: { code: 'WECHAT_LOGIN_FAILED', message: 'used', wechatErrcode: 40163 },
        })
      return json(200, {}, { 'X-Header-Session': token('ok') })
    })
    let n = 0
    const client = createClient({
      baseURL,
      transport,
      login: createCodeLogin({ getCode: async () => `c${++n}` }),
    })
    await client.login()
    expect(bodies).toEqual(['{"code":"c1"}', '{"code":"c2"}'])
    expect(transport.requests[0]?.headers).toMatchObject({ 'Cache-Control': 'no-store' })
  })

  it('does not retry a login refused for another reason (a rate limit)', async () => {
    const transport = fakeTransport(() =>
      json(400, {
        error: { code: 'WECHAT_LOGIN_FAILED', message: 'slow down', wechatErrcode: 45011 },
      }),
    )
    let n = 0
    const client = createClient({
      baseURL,
      transport,
      login: createCodeLogin({ getCode: async () => `c${++n}` }),
    })
    await expect(client.login()).rejects.toMatchObject({ name: 'LoginError', status: 400 })
    expect(n).toBe(1)
  })

  it('fails when the login ends without a token, or the browser hid it', async () => {
    const plain = fakeTransport(() => json(200, {}))
    const login: LoginFunction = async (ctx) =>
      void (await ctx.request('/api/auth/login', { method: 'POST' }))
    await expect(createClient({ baseURL, transport: plain, login }).login()).rejects.toThrow(
      'Login got no token',
    )
    const cors = fakeTransport(() => ({ ...json(200, {}), headersRestricted: true }))
    const error = await createClient({ baseURL, transport: cors, login })
      .login()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HeaderNotExposedError)
    expect((error as Error).message).toBe(
      'X-Header-Session is not in Access-Control-Expose-Headers',
    )
  })

  it('accepts a token returned by the login function, and wraps foreign errors', async () => {
    const transport = fakeTransport(() => json(200, {}))
    const client = createClient({ baseURL, transport, login: async () => token('returned') })
    await client.login()
    expect(client.getToken()).toBe(token('returned'))
    const boom = createClient({
      baseURL,
      transport,
      login: async () => Promise.reject(new Error('boom')),
    })
    await expect(boom.login()).rejects.toMatchObject({
      name: 'LoginError',
      cause: new Error('boom'),
    })
    const none = createClient({ baseURL, transport })
    await expect(none.login()).rejects.toThrow('No login option')
  })
})

describe('login request headers', () => {
  const loginHeaders = async (options: {
    clientHeaders?: Record<string, string>
    loginHeaders?: Record<string, string>
  }) => {
    const transport = fakeTransport(() => json(200, {}, { 'X-Header-Session': token('t') }))
    const login = createCodeLogin({ getCode: async () => 'c', headers: options.loginHeaders })
    await createClient({ baseURL, transport, login, headers: options.clientHeaders }).login()
    return transport.requests[0]?.headers
  }

  it("adds the caller's headers to the login's Cache-Control: no-store", async () => {
    expect(await loginHeaders({ loginHeaders: { 'X-App': 'demo' } })).toEqual({
      'Cache-Control': 'no-store',
      'X-App': 'demo',
      'Content-Type': 'application/json',
    })
  })

  it('lets a header of the same name in another casing replace the default, once', async () => {
    const sent = await loginHeaders({ loginHeaders: { 'cache-control': 'no-cache' } })
    expect(sent).toEqual({ 'cache-control': 'no-cache', 'Content-Type': 'application/json' })
  })

  it("sends the client's headers too, a call's header replacing the client's in any casing", async () => {
    const sent = await loginHeaders({
      clientHeaders: { 'X-App': 'demo', 'content-type': 'text/plain' },
    })
    expect(sent).toEqual({
      'X-App': 'demo',
      'Cache-Control': 'no-store',
      'Content-Type': 'application/json',
    })
  })
})
