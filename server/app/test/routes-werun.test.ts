import { createCipheriv, randomBytes } from 'node:crypto'
import { upsertUser } from '../src/models'
import { WECHAT_SESSION_KEY } from '../src/wechat/session-key'
import { TokenClient } from '../../session/test/support/http'
import { devCode, describeRoutes, type RouteHarness } from './support/route-app'

const ENCRYPTION_KEY = 'the-werun-encryption-key-of-32-chars'
const OTHER_ENCRYPTION_KEY = 'another-werun-encryption-key-32-chars'
const STEPS = [
  { timestamp: 1_748_707_200, step: 8_123 },
  { timestamp: 1_748_793_600, step: 0 },
]

/** The WeRun data of `openid` as the mini-program gets it (`wx.getWeRunData`). */
function weRunOf(harness: RouteHarness, openid: string, steps = STEPS) {
  return harness.standIn.encryptWeRun(openid, steps)
}

/** Open data encrypted as WeChat does, with any watermark. */
function encryptWith(sessionKey: string, data: unknown) {
  const iv = randomBytes(16)
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv)
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(data)), cipher.final()])
  return { encryptedData: encrypted.toString('base64'), iv: iv.toString('base64') }
}

/** `encryptedData` with one bit of its first block flipped. */
function tampered(data: { encryptedData: string; iv: string }) {
  const bytes = Buffer.from(data.encryptedData, 'base64')
  bytes[3] = (bytes[3] as number) ^ 0x40
  return { ...data, encryptedData: bytes.toString('base64') }
}

const invalidData = (check?: string) => ({
  error: {
    code: 'WECHAT_DATA_INVALID',
    message: expect.stringMatching(/^WeChat open data is invalid: /),
    check: check ?? expect.stringMatching(/^(padding|json)$/),
  },
})

describeRoutes(
  'POST /api/me/werun',
  (harness) => {
    it('answers the steps, decrypted with the session_key of this session’s login', async () => {
      const client = await harness().loggedIn('o-werun')
      const res = await client.send('POST', '/api/me/werun', weRunOf(harness(), 'o-werun'))
      expect(res.status).toBe(200)
      expect(res.body).toEqual({ steps: STEPS })
      // The stand-in's default: the last 30 days.
      const month = await client.send(
        'POST',
        '/api/me/werun',
        harness().standIn.encryptWeRun('o-werun'),
      )
      expect((month.body?.steps as unknown[]).length).toBe(30)
      expect(res.sessionStatus).toBeNull()
    })

    it('refuses tampered data, and data watermarked for another app: 400', async () => {
      const client = await harness().loggedIn('o-werun-tamper')
      const good = weRunOf(harness(), 'o-werun-tamper')
      const res = await client.send('POST', '/api/me/werun', tampered(good))
      expect(res.status).toBe(400)
      expect(res.body).toEqual(invalidData())
      const sessionKey = harness().standIn.sessionKeyOf('o-werun-tamper') as string
      const foreign = encryptWith(sessionKey, {
        stepInfoList: STEPS,
        watermark: { timestamp: 1_748_793_600, appid: 'wx-another-app' },
      })
      const other = await client.send('POST', '/api/me/werun', foreign)
      expect(other.status).toBe(400)
      expect(other.body).toEqual(invalidData('watermark'))
      const unmarked = await client.send(
        'POST',
        '/api/me/werun',
        encryptWith(sessionKey, { stepInfoList: STEPS }),
      )
      expect(unmarked.body).toEqual(invalidData('watermark'))
      const notWeRun = await client.send(
        'POST',
        '/api/me/werun',
        harness().standIn.encryptOpenData('o-werun-tamper', { stepInfoList: [{ step: 'x' }] }),
      )
      expect(notWeRun.body).toEqual(invalidData('json'))
    })

    it('refuses data under a session_key WeChat replaced since the login: 400', async () => {
      const client = await harness().loggedIn('o-werun-rotated')
      harness().standIn.rotateSessionKey('o-werun-rotated')
      const res = await client.send('POST', '/api/me/werun', weRunOf(harness(), 'o-werun-rotated'))
      expect(res.status).toBe(400)
      expect(res.body).toEqual(invalidData())
      expect(res.body?.error).toMatchObject({ message: expect.stringMatching(/session_key/) })
      // Logging in again gives the server the current key: the data got after it passes.
      const code = await devCode(harness().url, { openid: 'o-werun-rotated' })
      expect((await client.send('POST', '/api/auth/login', { code })).status).toBe(200)
      const again = await client.send(
        'POST',
        '/api/me/werun',
        weRunOf(harness(), 'o-werun-rotated'),
      )
      expect(again.body).toEqual({ steps: STEPS })
    })

    it('refuses data encrypted before the latest login of the session: 400', async () => {
      const client = await harness().loggedIn('o-werun-before')
      const before = weRunOf(harness(), 'o-werun-before')
      const code = await devCode(harness().url, { openid: 'o-werun-before' })
      expect((await client.send('POST', '/api/auth/login', { code })).status).toBe(200)
      const res = await client.send('POST', '/api/me/werun', before)
      expect(res.status).toBe(400)
      expect(res.body).toEqual(invalidData())
    })

    it('answers 401 WECHAT_SESSION_KEY_MISSING to a login that kept no key', async () => {
      const client = new TokenClient(harness().url)
      const login = await client.send('POST', '/api/test-only/login-without-key', {
        openid: 'o-werun-old-login',
      })
      expect(login.status).toBe(204)
      const code = await devCode(harness().url, { openid: 'o-werun-old-login' })
      // The stand-in knows the user (and a key) once the user logged in there.
      await new TokenClient(harness().url).send('POST', '/api/auth/login', { code })
      const res = await client.send(
        'POST',
        '/api/me/werun',
        weRunOf(harness(), 'o-werun-old-login'),
      )
      expect(res.status).toBe(401)
      expect(res.body).toEqual({
        error: {
          code: 'WECHAT_SESSION_KEY_MISSING',
          message: expect.stringMatching(/log in again/),
        },
      })
      // The session is not dropped: the client keeps its token and logs in with it.
      expect(res.token).toBeNull()
      expect((await client.send('GET', '/api/me')).status).toBe(200)
    })

    it('answers 401 WECHAT_SESSION_KEY_MISSING when the key cannot be read', async () => {
      const client = await harness().loggedIn('o-werun-unreadable')
      // Another app whose encryption key is not the one that sealed the session_key.
      const other = await harness().variant({ session: { encryptionKeys: [OTHER_ENCRYPTION_KEY] } })
      const elsewhere = Object.assign(new TokenClient(other.url), { token: client.token })
      const data = weRunOf(harness(), 'o-werun-unreadable')
      const res = await elsewhere.send('POST', '/api/me/werun', data)
      expect(res.status).toBe(401)
      expect(res.body).toMatchObject({ error: { code: 'WECHAT_SESSION_KEY_MISSING' } })
      expect((await client.send('POST', '/api/me/werun', data)).status).toBe(200)
    })

    it('needs a login, and the two fields', async () => {
      const anonymous = new TokenClient(harness().url)
      const res = await anonymous.send('POST', '/api/me/werun', {
        encryptedData: 'AAAA',
        iv: 'AAAA',
      })
      expect(res.status).toBe(401)
      expect(res.body).toMatchObject({ error: { code: 'SESSION_REQUIRED' } })
      const client = await harness().loggedIn('o-werun-fields')
      const empty = await client.send('POST', '/api/me/werun', {})
      expect(empty.status).toBe(400)
      expect(empty.body).toEqual({
        error: {
          code: 'VALIDATION_FAILED',
          message: expect.any(String),
          fields: { encryptedData: expect.any(String), iv: expect.any(String) },
        },
      })
      const notBase64 = await client.send('POST', '/api/me/werun', { encryptedData: 'é!', iv: 'x' })
      expect(notBase64.status).toBe(400)
      expect(notBase64.body).toEqual(invalidData('format'))
    })
  },
  {
    session: { encryptionKeys: [ENCRYPTION_KEY] },
    // A route of the test only: a login as the app made them before it kept session keys.
    routes: (router, deps) =>
      router.post('/test-only/login-without-key', async (ctx) => {
        const { openid } = ctx.request.body as { openid: string }
        const user = await upsertUser(deps.models.User, { openid, unionid: null }, Date.now())
        ctx.session.regenerate()
        ctx.session.setUser(user.id)
        ctx.session.setSecret(WECHAT_SESSION_KEY, undefined)
        ctx.status = 204
      }),
  },
)
