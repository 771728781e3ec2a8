import { createWxClient } from '../../src/wx/index'
import type { Client, ClientResponse } from '../../src/core/client-types'
import { createWxRuntime, type EncryptedOpenData, type WxRuntime } from '@header-session/testing'
import { startRealServer, type RealServer } from './real-server'

const OPENID = 'o-sdk-werun'

interface Steps {
  steps: { timestamp: number; step: number }[]
}

/** Does the answer say the server's session_key cannot read the data (the README's recipe)? */
function staleSessionKey(response: ClientResponse): boolean {
  const code = (response.data as { error?: { code?: unknown } } | null)?.error?.code
  return (
    (response.status === 400 && code === 'WECHAT_DATA_INVALID') ||
    (response.status === 401 && code === 'WECHAT_SESSION_KEY_MISSING')
  )
}

/**
 * The README's recipe: `checkSession()` (a login when wx.checkSession says the key went
 * stale), then get the WeRun data and send it; when the server's session_key cannot read it
 * all the same, log in once, get the data again, and retry once.
 */
async function weRunSteps(
  client: Client,
  getWeRunData: () => Promise<EncryptedOpenData>,
): Promise<ClientResponse<Steps>> {
  await client.checkSession()
  const send = async () =>
    client.post<Steps>('/api/me/werun', await getWeRunData(), { throwHttpErrors: false })
  const response = await send()
  if (!staleSessionKey(response)) return response
  await client.login()
  return send()
}

describe('the WeRun recipe for a stale session_key, against the real server', () => {
  let server: RealServer
  let wx: WxRuntime
  /** What `wx.checkSession` answers: the runtime has none, so the client is given this. */
  let platformLoginValid: boolean
  /** How many times the data was got from WeChat (`wx.getWeRunData`). */
  let fetched: number
  beforeAll(async () => {
    server = await startRealServer({
      // A route of the test only: the session as a login before the app kept session keys.
      routes: (router) =>
        router.post('/test-only/forget-session-key', (ctx) => {
          ctx.session.setSecret('wechatSessionKey', undefined)
          ctx.status = 204
        }),
    })
  })
  afterAll(() => server.close())
  beforeEach(() => {
    platformLoginValid = true
    fetched = 0
    wx = createWxRuntime({
      // A wx.login makes the platform login good again (and WeChat gives a new session_key).
      login: () => {
        platformLoginValid = true
        return server.standIn.issueCode({ openid: OPENID })
      },
    })
  })
  const client = () =>
    createWxClient({
      api: wx,
      baseURL: server.url,
      auth: true,
      checkSession: async () => platformLoginValid,
    })
  /** `wx.getWeRunData`: the user's steps, encrypted with their current session_key. */
  const getWeRunData = async () => {
    fetched++
    return server.standIn.encryptWeRun(OPENID)
  }
  const werunCalls = () => wx.stats.requests - wx.stats.logins

  it('gets the steps at once when the server holds the current key', async () => {
    const c = client()
    await c.login()
    const response = await weRunSteps(c, getWeRunData)
    expect(response.status).toBe(200)
    expect(response.data.steps).toHaveLength(30)
    expect(wx.stats.logins).toBe(1)
    expect(fetched).toBe(1)
  })

  it('logs in again, gets the data again and retries once after a 400 WECHAT_DATA_INVALID', async () => {
    const c = client()
    await c.login()
    // Another wx.login replaced the key WeChat encrypts with; wx.checkSession still says yes.
    server.standIn.rotateSessionKey(OPENID)
    const response = await weRunSteps(c, getWeRunData)
    expect(response.status).toBe(200)
    expect(response.data.steps).toHaveLength(30)
    expect(wx.stats.logins).toBe(2)
    expect(fetched).toBe(2)
    expect(werunCalls()).toBe(2)
  })

  it('does the same after a 401 WECHAT_SESSION_KEY_MISSING, keeping the session', async () => {
    const c = client()
    await c.post('/api/counter', undefined, { auth: false })
    await c.login()
    await c.post('/api/test-only/forget-session-key')
    const response = await weRunSteps(c, getWeRunData)
    expect(response.status).toBe(200)
    expect(wx.stats.logins).toBe(2)
    // The login rotated the token of the same session: the anonymous count is still there.
    expect((await c.get('/api/counter')).data).toEqual({ count: 1 })
  })

  it('logs in before getting the data when wx.checkSession says the login went stale', async () => {
    const c = client()
    await c.login()
    platformLoginValid = false
    const response = await weRunSteps(c, getWeRunData)
    expect(response.status).toBe(200)
    // One login more, before the data was got: it is encrypted with that login's key.
    expect(wx.stats.logins).toBe(2)
    expect(fetched).toBe(1)
    expect(werunCalls()).toBe(1)
  })

  it('retries once only: data that stays unreadable answers the 400', async () => {
    const c = client()
    const tampered = async () => {
      const data = await getWeRunData()
      return { ...data, iv: Buffer.alloc(16, 7).toString('base64') }
    }
    const response = await weRunSteps(c, tampered)
    expect(response.status).toBe(400)
    expect(response.data).toMatchObject({ error: { code: 'WECHAT_DATA_INVALID' } })
    expect(fetched).toBe(2)
    expect(werunCalls()).toBe(2)
  })
})
