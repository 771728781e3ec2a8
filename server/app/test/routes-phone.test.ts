import { TokenClient } from '../../session/test/support/http'
import { captureLogs } from './support/log-capture'
import { describeRoutes } from './support/route-app'

const log = captureLogs()

/** Let the logger's lines of the last answer land. */
const settled = () => new Promise((resolve) => setImmediate(resolve))

describeRoutes(
  'POST /api/me/phone',
  (harness) => {
    it('stores the number WeChat gives for the code, and GET /api/me shows it masked', async () => {
      const client = await harness().loggedIn('o-phone')
      const before = await client.send('GET', '/api/me')
      expect(before.body).toMatchObject({ user: { phone: null } })
      const code = harness().standIn.issuePhoneCode('13800138000')
      const res = await client.send('POST', '/api/me/phone', { code })
      expect(res.status).toBe(200)
      expect(res.body).toEqual({
        user: { id: expect.any(String), createdAt: expect.any(String), phone: '138****8000' },
      })
      expect((await client.send('GET', '/api/me')).body).toEqual(res.body)
      const row = await harness()
        .knex('users')
        .where({ openid: 'o-phone' })
        .first('phone', 'phone_country_code')
      expect(row).toEqual({ phone: '13800138000', phone_country_code: '86' })
      // A number of another country keeps its code in front.
      const foreign = harness().standIn.issuePhoneCode('61234567', { countryCode: '852' })
      const other = await client.send('POST', '/api/me/phone', { code: foreign })
      expect(other.body).toMatchObject({ user: { phone: '+852 61****67' } })
      await settled()
      for (const line of log.lines) {
        expect(line).not.toContain('13800138000')
        expect(line).not.toContain('61234567')
      }
    })

    it('logs the route’s line with the request’s id and client, as its request line', async () => {
      const client = await harness().loggedIn('o-phone-log')
      const code = harness().standIn.issuePhoneCode('13700137000')
      const res = await client.send(
        'POST',
        '/api/me/phone',
        { code },
        { 'X-Request-Id': 'phone-1' },
      )
      expect(res.headers.get('x-request-id')).toBe('phone-1')
      await settled()
      const fields = { reqId: 'phone-1', client: '127.0.0.1' }
      expect(log.find('phone number saved')).toContainEqual(
        expect.objectContaining({ ...fields, userId: expect.any(String) }),
      )
      expect(log.find('request')).toContainEqual(
        expect.objectContaining({ ...fields, method: 'POST', path: '/api/me/phone', status: 200 }),
      )
    })

    it('answers 400 WECHAT_CODE_INVALID to a used code, logging WeChat’s errmsg at warn', async () => {
      const client = await harness().loggedIn('o-phone-used')
      const code = harness().standIn.issuePhoneCode('13900139000')
      expect((await client.send('POST', '/api/me/phone', { code })).status).toBe(200)
      const again = await client.send('POST', '/api/me/phone', { code })
      expect(again.status).toBe(400)
      expect(again.body).toEqual({
        error: {
          code: 'WECHAT_CODE_INVALID',
          message: expect.stringMatching(/get a new one/),
          wechatErrcode: 40029,
        },
      })
      expect((await client.send('GET', '/api/me')).body).toMatchObject({
        user: { phone: '139****9000' },
      })
      await settled()
      expect(log.find('WeChat API failed')).toContainEqual(
        expect.objectContaining({
          level: 40,
          api: 'getuserphonenumber',
          code: 'WECHAT_CODE_INVALID',
          errcode: 40029,
          errmsg: expect.stringMatching(/^invalid code, rid: /),
        }),
      )
    })

    it.each([
      [40163, 400, 'WECHAT_CODE_USED', {}],
      [45011, 429, 'WECHAT_RATE_LIMITED', { 'retry-after': /^60$/, 'cache-control': /no-store/ }],
      [45009, 503, 'WECHAT_QUOTA_EXHAUSTED', {}],
      [40013, 502, 'WECHAT_REFUSED', {}],
    ])('answers errcode %d as %d %s', async (errcode, status, code, headers) => {
      const client = await harness().loggedIn('o-phone-errcodes')
      const phoneCode = harness().standIn.issuePhoneCode('13700137000', { errcode })
      const res = await client.send('POST', '/api/me/phone', { code: phoneCode })
      expect(res.status).toBe(status)
      expect(res.body).toEqual({
        error: { code, message: expect.any(String), wechatErrcode: errcode },
      })
      for (const [name, value] of Object.entries(headers))
        expect(res.headers.get(name)).toMatch(value)
    })

    it('answers 503 WECHAT_BUSY with Retry-After while WeChat is busy', async () => {
      const client = await harness().loggedIn('o-phone-busy')
      harness().standIn.setBusy('getuserphonenumber', true)
      try {
        const code = harness().standIn.issuePhoneCode('13600136000')
        const res = await client.send('POST', '/api/me/phone', { code })
        expect(res.status).toBe(503)
        expect(res.headers.get('retry-after')).toBe('1')
        expect(res.body).toMatchObject({ error: { code: 'WECHAT_BUSY', wechatErrcode: -1 } })
      } finally {
        harness().standIn.setBusy('getuserphonenumber', false)
      }
      expect((await client.send('GET', '/api/me')).body).toMatchObject({ user: { phone: null } })
    })

    it('after WeChat rejects the access_token, force-refreshes it once and retries once', async () => {
      const { standIn } = harness()
      const client = await harness().loggedIn('o-phone-token')
      // A first call makes sure a token is stored, then WeChat stops taking it.
      await client.send('POST', '/api/me/phone', { code: standIn.issuePhoneCode('13500135000') })
      standIn.invalidateAccessToken()
      await settled()
      const fetchedBefore = log.find('WeChat access_token fetched').length
      const before = standIn.stats()
      const code = standIn.issuePhoneCode('13500135001')
      const res = await client.send('POST', '/api/me/phone', { code })
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ user: { phone: '135****5001' } })
      const after = standIn.stats()
      expect(after.getuserphonenumber - before.getuserphonenumber).toBe(2)
      expect(after.stable_token - before.stable_token).toBe(1)
      await settled()
      const fetched = log.find('WeChat access_token fetched').slice(fetchedBefore)
      expect(fetched).toEqual([
        expect.objectContaining({ forced: true, tokenHint: expect.any(String), expiresIn: 7200 }),
      ])
      expect((fetched[0]?.tokenHint as string).length).toBeLessThanOrEqual(6)
    })

    it('needs a login and a code', async () => {
      const anonymous = new TokenClient(harness().url)
      const res = await anonymous.send('POST', '/api/me/phone', { code: 'abc' })
      expect(res.status).toBe(401)
      expect(res.body).toMatchObject({ error: { code: 'SESSION_REQUIRED' } })
      const client = await harness().loggedIn('o-phone-fields')
      for (const code of [undefined, '', 42, 'with space', 'x'.repeat(129)]) {
        const bad = await client.send('POST', '/api/me/phone', { code })
        expect(bad.status).toBe(400)
        expect(bad.body).toMatchObject({
          error: { code: 'VALIDATION_FAILED', fields: { code: expect.any(String) } },
        })
      }
    })
  },
  { logger: log.logger },
)
