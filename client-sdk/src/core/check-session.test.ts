import { createClient } from './client'
import { sentToken, token } from '../../test/support/fake-transport'
import { isLogin, loginServer } from '../../test/support/login-server'

const baseURL = 'https://api.example.com'

/** A client logged in once, whose `checkSession` answers `valid` (and counts its calls). */
async function loggedInClient(valid: boolean) {
  const server = loginServer()
  let checks = 0
  const client = createClient({
    baseURL,
    transport: server.transport,
    login: server.login,
    auth: true,
    checkSession: async () => {
      checks++
      return valid
    },
  })
  await client.login()
  return { server, client, checks: () => checks }
}

describe('checkSession before a call', () => {
  it('sends at once while the platform login is good', async () => {
    const { server, client, checks } = await loggedInClient(true)
    expect((await client.post('/api/me/werun', {}, { checkSession: true })).ok).toBe(true)
    expect(checks()).toBe(1)
    expect(server.logins()).toBe(1)
  })

  it('logs in first, once for parallel calls, when the platform login went stale', async () => {
    const { server, client, checks } = await loggedInClient(false)
    const calls = Array.from({ length: 5 }, () =>
      client.post('/api/me/werun', {}, { checkSession: true }),
    )
    expect((await Promise.all(calls)).every((response) => response.ok)).toBe(true)
    expect(checks()).toBe(5)
    expect(server.logins()).toBe(2)
    const sent = server.transport.requests.filter((request) => !isLogin(request))
    expect(sent.map(sentToken)).toEqual(Array(5).fill(token('login-2')))
  })

  it('is not asked by calls that do not ask for it, or may not log in', async () => {
    const { server, client, checks } = await loggedInClient(false)
    await client.get('/api/counter')
    await client.get('/api/counter', { auth: false, checkSession: true })
    expect(checks()).toBe(0)
    expect(server.logins()).toBe(1)
  })

  it('is not asked without a token: the call logs in anyway', async () => {
    const server = loginServer()
    const checkSession = jest.fn(async () => true)
    const client = createClient({
      baseURL,
      transport: server.transport,
      login: server.login,
      auth: true,
      checkSession,
    })
    expect((await client.get('/api/me', { checkSession: true })).ok).toBe(true)
    expect(checkSession).not.toHaveBeenCalled()
    expect(server.logins()).toBe(1)
  })

  it('is an option checked like the others', () => {
    const server = loginServer()
    expect(() =>
      createClient({
        baseURL,
        transport: server.transport,
        checkSession: 'yes' as unknown as () => Promise<boolean>,
      }),
    ).toThrow(/Option "checkSession" must be a function/)
  })
})
