import { createClient } from './client'
import { LoginError } from '../errors/login-error'
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

describe('client.checkSession()', () => {
  it('does nothing more while the platform login is good', async () => {
    const { server, client, checks } = await loggedInClient(true)
    await client.checkSession()
    expect(checks()).toBe(1)
    expect(server.logins()).toBe(1)
  })

  it('logs in, once for parallel callers, when the platform login went stale', async () => {
    const { server, client, checks } = await loggedInClient(false)
    await Promise.all(Array.from({ length: 5 }, () => client.checkSession()))
    expect(checks()).toBe(5)
    expect(server.logins()).toBe(2)
    await client.post('/api/me/werun', {})
    const sent = server.transport.requests.filter((request) => !isLogin(request))
    expect(sent.map(sentToken)).toEqual([token('login-2')])
  })

  it('logs in without asking when there is no token', async () => {
    const server = loginServer()
    const checkSession = jest.fn(async () => true)
    const client = createClient({
      baseURL,
      transport: server.transport,
      login: server.login,
      checkSession,
    })
    await client.checkSession()
    expect(checkSession).not.toHaveBeenCalled()
    expect(server.logins()).toBe(1)
  })

  it('takes the platform login as good without a checkSession option', async () => {
    const server = loginServer()
    const client = createClient({ baseURL, transport: server.transport, login: server.login })
    await client.login()
    await client.checkSession()
    expect(server.logins()).toBe(1)
  })

  it('rejects as login() does without a login option', async () => {
    const server = loginServer()
    const client = createClient({ baseURL, transport: server.transport })
    await expect(client.checkSession()).rejects.toBeInstanceOf(LoginError)
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
