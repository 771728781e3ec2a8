import { createClient } from './client'
import { createMemoryStorage } from './memory-storage'
import { SessionExpiredError } from '../errors/session-expired-error'
import {
  deferred,
  fakeTransport,
  flush,
  json,
  refused,
  sentToken,
  token,
} from '../../test/support/fake-transport'
import { loginServer } from '../../test/support/login-server'

const baseURL = 'https://api.example.com'

describe('401 replay and logout', () => {
  it('on 401 clears the token, logs in once and replays once', async () => {
    const storage = createMemoryStorage()
    storage.set('header-session:' + baseURL, token('old'))
    const server = loginServer()
    const client = createClient({
      baseURL,
      transport: server.transport,
      login: server.login,
      storage,
    })
    const response = await client.post('/api/pay', { amount: 1 }, { auth: true })
    expect(response.ok).toBe(true)
    const paths = server.transport.requests.map(
      (r) => `${new URL(r.url).pathname} ${sentToken(r) ?? '-'}`,
    )
    expect(paths).toEqual([
      `/api/pay ${token('old')}`,
      '/api/auth/login -',
      `/api/pay ${token('login-1')}`,
    ])
  })

  it('fails with SessionExpiredError on a second 401 and never loops', async () => {
    const server = loginServer(() => refused('SESSION_EXPIRED'))
    const required: string[] = []
    const storage = createMemoryStorage()
    storage.set('header-session:' + baseURL, token('old'))
    const client = createClient({
      baseURL,
      transport: server.transport,
      login: server.login,
      storage,
      auth: true,
      hooks: { onLoginRequired: (e) => required.push(e.reason) },
    })
    const error = await client.get('/api/me').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SessionExpiredError)
    expect(error).toMatchObject({ code: 'SESSION_EXPIRED', reason: 'SESSION_EXPIRED' })
    expect(server.logins()).toBe(1)
    expect(server.transport.requests).toHaveLength(3)
    expect(required).toEqual(['SESSION_EXPIRED'])
  })

  it('logs in at most once per call: a 401 right after its own login is final', async () => {
    const server = loginServer(() => refused('SESSION_REQUIRED'))
    const client = createClient({
      baseURL,
      transport: server.transport,
      login: server.login,
      auth: true,
    })
    await expect(client.get('/api/me')).rejects.toBeInstanceOf(SessionExpiredError)
    expect(server.logins()).toBe(1)
    expect(server.transport.requests).toHaveLength(2)
  })

  it('does not log in for a call that may not, and reports the login as required', async () => {
    const server = loginServer()
    const onLoginRequired = jest.fn()
    const client = createClient({
      baseURL,
      transport: server.transport,
      login: server.login,
      hooks: { onLoginRequired },
    })
    await expect(client.get('/api/me')).rejects.toMatchObject({
      name: 'SessionExpiredError',
      reason: 'SESSION_REQUIRED',
    })
    expect(server.logins()).toBe(0)
    expect(onLoginRequired).toHaveBeenCalledWith({
      reason: 'SESSION_REQUIRED',
      url: baseURL + '/api/me',
    })
  })

  it('shares one login among 20 calls refused at once', async () => {
    const storage = createMemoryStorage()
    storage.set('header-session:' + baseURL, token('old'))
    const server = loginServer()
    const client = createClient({
      baseURL,
      transport: server.transport,
      login: server.login,
      storage,
      auth: true,
    })
    await Promise.all(Array.from({ length: 20 }, () => client.get('/api/me')))
    expect(server.logins()).toBe(1)
    expect(server.transport.requests).toHaveLength(41)
  })

  it('logout revokes on the server, clears the token, and a late answer cannot restore it', async () => {
    const late = deferred()
    const storage = createMemoryStorage()
    storage.set('header-session:' + baseURL, token('t1'))
    const transport = fakeTransport(async (r) => {
      if (r.url.endsWith('/slow')) {
        await late.promise
        return json(
          200,
          {},
          { 'X-Header-Session': token('t2'), 'X-Header-Session-Status': 'rotated' },
        )
      }
      return json(r.url.endsWith('/logout') ? 503 : 200, {})
    })
    const client = createClient({ baseURL, transport, storage })
    const slow = client.get('/slow')
    await flush()
    await client.logout()
    expect(sentToken(transport.requests[1])).toBe(token('t1'))
    expect(transport.requests[1]).toMatchObject({
      method: 'POST',
      url: baseURL + '/api/auth/logout',
    })
    late.resolve()
    await slow
    expect(client.getToken()).toBeNull()
    expect(storage.get('header-session:' + baseURL)).toBeUndefined()
  })
})
