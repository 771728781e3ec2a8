import { TokenClient } from '../../session/test/support/http'
import { captureLogs } from './support/log-capture'
import { devCode, openRouteHarness, type RouteHarness } from './support/route-app'

describe.each(['sqlite', 'redis'] as const)(
  'WeChat’s session_key and access_token in answers and logs (sessions in %s)',
  (kind) => {
    const log = captureLogs()
    let harness: RouteHarness
    beforeAll(async () => {
      harness = await openRouteHarness(kind, { logger: log.logger })
    })
    afterAll(async () => harness?.close())

    it('appear in no answer and no log line, through failures and a token refresh', async () => {
      const { standIn } = harness
      const answers: string[] = []
      const secrets: string[] = []
      const keep = (secret: string | null | undefined) => {
        if (secret) secrets.push(secret)
      }
      const send = async (client: TokenClient, method: string, path: string, body?: unknown) => {
        const res = await client.send(method, path, body)
        answers.push(JSON.stringify({ body: res.body, headers: [...res.headers] }))
        return res
      }
      const token = async () => keep((await harness.accessTokenStore.read())?.token)

      const client = await harness.loggedIn('o-secrets')
      keep(standIn.sessionKeyOf('o-secrets'))
      expect(
        (await send(client, 'POST', '/api/me/werun', standIn.encryptWeRun('o-secrets'))).status,
      ).toBe(200)
      keep(standIn.rotateSessionKey('o-secrets'))
      const stale = standIn.encryptWeRun('o-secrets')
      expect((await send(client, 'POST', '/api/me/werun', stale)).status).toBe(400)
      const code = await devCode(harness.url, { openid: 'o-secrets' })
      expect((await send(client, 'POST', '/api/auth/login', { code })).status).toBe(200)
      keep(standIn.sessionKeyOf('o-secrets'))
      expect((await send(client, 'POST', '/api/me/werun', stale)).status).toBe(400)

      const phoneCode = standIn.issuePhoneCode('13800138000')
      expect((await send(client, 'POST', '/api/me/phone', { code: phoneCode })).status).toBe(200)
      await token()
      expect((await send(client, 'POST', '/api/me/phone', { code: phoneCode })).status).toBe(400)
      standIn.invalidateAccessToken()
      const next = standIn.issuePhoneCode('13800138001')
      expect((await send(client, 'POST', '/api/me/phone', { code: next })).status).toBe(200)
      await token()
      expect((await send(client, 'POST', '/api/notes', { text: 'stand-in-risky' })).status).toBe(
        422,
      )
      standIn.setBusy('msg_sec_check', true)
      standIn.setBusy('getuserphonenumber', true)
      try {
        expect((await send(client, 'POST', '/api/notes', { text: 'busy' })).status).toBe(503)
        const busyCode = standIn.issuePhoneCode('13800138002')
        expect((await send(client, 'POST', '/api/me/phone', { code: busyCode })).status).toBe(503)
      } finally {
        standIn.setBusy('msg_sec_check', false)
        standIn.setBusy('getuserphonenumber', false)
      }
      await new Promise((resolve) => setImmediate(resolve))

      // Three session keys and two access tokens were in play.
      expect(new Set(secrets).size).toBe(5)
      expect(log.find('WeChat API failed').length).toBeGreaterThanOrEqual(2)
      for (const text of [...answers, ...log.lines]) {
        for (const secret of secrets) expect(text).not.toContain(secret)
      }
    })
  },
)
