import { createHmac } from 'node:crypto'
import {
  createWechatStandIn,
  WECHAT_APIS,
  type ListeningStandIn,
  type WechatStandIn,
} from '../src/index'
import { decrypt, wechatApiClient, type WechatApiClient } from './support/wechat-api-client'

const MINUTE = 60_000

describe('the stand-in’s user APIs', () => {
  let now = 0
  let standIn: WechatStandIn
  let running: ListeningStandIn
  let client: WechatApiClient
  let accessToken: string
  beforeEach(async () => {
    now = Date.UTC(2025, 5, 1, 4, 0, 0)
    standIn = createWechatStandIn({
      appId: 'wxapis',
      secret: 'apis-secret',
      riskyWords: ['forbidden'],
      reviewWords: ['doubtful'],
      now: () => now,
    })
    running = await standIn.listen()
    client = wechatApiClient(standIn, running)
    accessToken = String((await client.token()).body.access_token)
  })
  afterEach(() => running.close())

  const withToken = () => ({ access_token: accessToken })
  const phone = (code: string, query = withToken()) =>
    client.post('/wxa/business/getuserphonenumber', { code }, query)
  const check = (body: Record<string, unknown>, query = withToken()) =>
    client.post('/wxa/msg_sec_check', { version: 2, scene: 2, ...body }, query)
  const checkSession = (openid: string, signature: string, sigMethod = 'hmac_sha256') =>
    client.get('/wxa/checksession', {
      ...withToken(),
      openid,
      signature,
      sig_method: sigMethod,
    })
  const signatureOf = (sessionKey: string) =>
    createHmac('sha256', sessionKey).update('').digest('hex')

  describe('getuserphonenumber', () => {
    it('answers the phone_info of a code once, with the watermark of the tap', async () => {
      const code = standIn.issuePhoneCode('13800138000')
      expect(code).toMatch(/^[0-9a-f]{64}$/)
      const issuedAt = now
      now += MINUTE
      const answer = await phone(code)
      expect(answer.type).toMatch(/^application\/json/)
      expect(answer.body).toEqual({
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: '13800138000',
          purePhoneNumber: '13800138000',
          countryCode: '86',
          watermark: { timestamp: Math.floor(issuedAt / 1000), appid: 'wxapis' },
        },
      })
      // A used code is 40029, as the page says ("code不存在、已过期或者使用过").
      expect((await phone(code)).body).toMatchObject({ errcode: 40029 })
    })

    it('puts the country code in phoneNumber for numbers outside China', async () => {
      const code = standIn.issuePhoneCode('4155550100', { countryCode: '1' })
      expect((await phone(code)).body).toMatchObject({
        phone_info: {
          phoneNumber: '+14155550100',
          purePhoneNumber: '4155550100',
          countryCode: '1',
        },
      })
    })

    it('refuses unknown and expired codes (40029), a code’s own errcode, and bad tokens', async () => {
      expect((await phone('never-issued')).body).toMatchObject({ errcode: 40029 })
      const old = standIn.issuePhoneCode('13800138001')
      now += 5 * MINUTE
      expect((await phone(old)).body).toMatchObject({ errcode: 40029 })
      const limited = standIn.issuePhoneCode('13800138002', { errcode: 45011 })
      expect((await phone(limited)).body).toMatchObject({ errcode: 45011 })
      expect((await phone('x', { access_token: 'forged' })).body).toMatchObject({ errcode: 40001 })
      expect((await phone('x', {} as { access_token: string })).body).toMatchObject({
        errcode: 41001,
      })
      expect((await client.get('/wxa/business/getuserphonenumber')).body).toMatchObject({
        errcode: 43002,
      })
    })

    it('issues phone codes over HTTP, checking the fields', async () => {
      const issued = await client.post('/phone-codes', { phoneNumber: '13900139000' })
      expect(issued.status).toBe(200)
      const code = String(issued.body.code)
      expect((await phone(code)).body).toMatchObject({
        phone_info: { purePhoneNumber: '13900139000' },
      })
      const bad = await client.post('/phone-codes', { phoneNumber: '+86 139', countryCode: 86 })
      expect(bad.status).toBe(400)
      expect(bad.body).toMatchObject({
        error: {
          code: 'VALIDATION_FAILED',
          fields: { phoneNumber: expect.any(String), countryCode: expect.any(String) },
        },
      })
      expect(() => standIn.issuePhoneCode('139 0013')).toThrow(RangeError)
    })
  })

  describe('msg_sec_check', () => {
    beforeEach(() => client.login('o-writer'))

    it.each([
      ['a kind comment', 'pass', 100, undefined],
      ['this is Doubtful', 'review', 21000, 'doubtful'],
      ['something FORBIDDEN here', 'risky', 20006, 'forbidden'],
    ])('answers %j as %s (label %d)', async (content, suggest, label, keyword) => {
      const answer = await check({ content, openid: 'o-writer' })
      expect(answer.body).toEqual({
        errcode: 0,
        errmsg: 'ok',
        result: { suggest, label },
        detail: expect.arrayContaining([
          expect.objectContaining({ strategy: 'content_model', errcode: 0, suggest, label }),
        ]),
        trace_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/),
      })
      const keywordHit = (answer.body.detail as Array<Record<string, unknown>>).find(
        (item) => item.strategy === 'keyword',
      )
      expect(keywordHit?.keyword).toBe(keyword)
    })

    it('checks the title, nickname and signature too', async () => {
      const answer = await check({ content: 'fine', nickname: 'forbidden one', openid: 'o-writer' })
      expect(answer.body).toMatchObject({ result: { suggest: 'risky' } })
    })

    it('takes 2500 characters of any script, not 2501', async () => {
      const long = '审'.repeat(2_500)
      expect((await check({ content: long, openid: 'o-writer' })).body).toMatchObject({
        errcode: 0,
      })
      expect((await check({ content: `${long}审`, openid: 'o-writer' })).body).toMatchObject({
        errcode: 47001,
      })
    })

    it('wants an openid that logged in within two hours (40003, 61010)', async () => {
      expect((await check({ content: 'hi', openid: 'o-stranger' })).body).toMatchObject({
        errcode: 40003,
      })
      now += 2 * 3_600_000 + 1
      accessToken = String((await client.token()).body.access_token)
      expect((await check({ content: 'hi', openid: 'o-writer' })).body).toMatchObject({
        errcode: 61010,
        errmsg: expect.stringMatching(/^code is expired/),
      })
    })

    it('refuses a scene not 1 to 4 (40129), a version not 2 and no content (47001)', async () => {
      const base = { content: 'hi', openid: 'o-writer' }
      expect((await check({ ...base, scene: 5 })).body).toMatchObject({ errcode: 40129 })
      expect((await check({ ...base, version: 1 })).body).toMatchObject({ errcode: 47001 })
      expect((await check({ openid: 'o-writer' })).body).toMatchObject({ errcode: 47001 })
    })

    it('answers -1 while busy, before looking at the token', async () => {
      standIn.setBusy('msg_sec_check', true)
      expect((await check({ content: 'hi' }, { access_token: 'forged' })).body).toMatchObject({
        errcode: -1,
      })
    })
  })

  describe('checksession', () => {
    it('accepts the signature of the current session_key only (87009 otherwise)', async () => {
      const sessionKey = String((await client.login('o-checked')).body.session_key)
      const answer = await checkSession('o-checked', signatureOf(sessionKey))
      expect(answer.body).toEqual({ errcode: 0, errmsg: 'ok' })
      await client.login('o-checked')
      expect((await checkSession('o-checked', signatureOf(sessionKey))).body).toMatchObject({
        errcode: 87009,
        errmsg: expect.stringMatching(/^invalid signature/),
      })
      const current = standIn.sessionKeyOf('o-checked') as string
      expect((await checkSession('o-checked', signatureOf(current))).body).toMatchObject({
        errcode: 0,
      })
      expect((await checkSession('o-checked', 'ab')).body).toMatchObject({ errcode: 87009 })
    })

    it('refuses another sig_method (40097) and an openid that never logged in (40003)', async () => {
      await client.login('o-checked')
      const signature = signatureOf(standIn.sessionKeyOf('o-checked') as string)
      expect((await checkSession('o-checked', signature, 'sha1')).body).toMatchObject({
        errcode: 40097,
      })
      expect((await checkSession('o-nobody', signature)).body).toMatchObject({ errcode: 40003 })
    })
  })

  describe('WeRun data', () => {
    it('encrypts 30 days of steps with the user’s current session_key, watermarked', async () => {
      await client.login('o-walker')
      const sessionKey = standIn.sessionKeyOf('o-walker') as string
      const answer = await client.post('/werun', { openid: 'o-walker' })
      expect(answer.status).toBe(200)
      const { encryptedData, iv } = answer.body as { encryptedData: string; iv: string }
      expect(Buffer.from(iv, 'base64')).toHaveLength(16)
      const plain = decrypt(encryptedData, iv, sessionKey) as {
        stepInfoList: Array<{ timestamp: number; step: number }>
        watermark: unknown
      }
      expect(plain.stepInfoList).toHaveLength(30)
      expect(plain.stepInfoList[0]).toEqual({
        timestamp: expect.any(Number),
        step: expect.any(Number),
      })
      // Each day starts at midnight in China (UTC+8).
      expect(((plain.stepInfoList[29]?.timestamp ?? 0) + 8 * 3600) % 86_400).toBe(0)
      expect(plain.watermark).toEqual({ timestamp: Math.floor(now / 1000), appid: 'wxapis' })
    })

    it('takes the steps it is given, and refuses an openid that never logged in', async () => {
      await client.login('o-walker')
      const steps = [{ timestamp: 1_700_000_000, step: 4_321 }]
      const { encryptedData, iv } = standIn.encryptWeRun('o-walker', steps)
      expect(decrypt(encryptedData, iv, standIn.sessionKeyOf('o-walker') as string)).toMatchObject({
        stepInfoList: steps,
      })
      const unknown = await client.post('/werun', { openid: 'o-nobody' })
      expect(unknown.status).toBe(404)
      expect(unknown.body).toMatchObject({ error: { code: 'UNKNOWN_OPENID' } })
      const bad = await client.post('/werun', { openid: 'o-walker', steps: [{ step: -1 }] })
      expect(bad.status).toBe(400)
      expect(() => standIn.encryptWeRun('o-nobody')).toThrow(/o-nobody/)
    })

    it('encrypts other open data the same way', async () => {
      await client.login('o-sharer')
      const { encryptedData, iv } = standIn.encryptOpenData('o-sharer', { openGId: 'G-1' })
      expect(decrypt(encryptedData, iv, standIn.sessionKeyOf('o-sharer') as string)).toEqual({
        openGId: 'G-1',
        watermark: { timestamp: Math.floor(now / 1000), appid: 'wxapis' },
      })
    })
  })

  describe('stats and busy switches', () => {
    it('counts the calls of each API, over HTTP too', async () => {
      await client.login('o-counted')
      await phone('x')
      await check({ content: 'hi', openid: 'o-counted' })
      await checkSession('o-counted', 'x')
      await checkSession('o-counted', 'x')
      const expected = {
        jscode2session: 1,
        stable_token: 1,
        getuserphonenumber: 1,
        msg_sec_check: 1,
        checksession: 2,
      }
      expect(standIn.stats()).toEqual(expected)
      const overHttp = await client.get('/stats')
      expect(overHttp.body).toEqual(expected)
      expect(Object.keys(overHttp.body).sort()).toEqual([...WECHAT_APIS].sort())
    })

    it('turns an API busy and back over HTTP', async () => {
      const set = (body: unknown) => client.post('/busy', body)
      expect((await set({ api: 'checksession', busy: true })).status).toBe(200)
      expect((await checkSession('o-any', 'x')).body).toMatchObject({ errcode: -1 })
      await set({ api: 'checksession', busy: false })
      expect((await checkSession('o-any', 'x')).body).toMatchObject({ errcode: 40003 })
      const bad = await set({ api: 'pay', busy: 'yes' })
      expect(bad.status).toBe(400)
      expect(bad.body).toMatchObject({
        error: { fields: { api: expect.any(String), busy: expect.any(String) } },
      })
    })
  })

  it('never puts a session_key or an access_token in a refusal', async () => {
    const sessionKey = String((await client.login('o-secret')).body.session_key)
    const refusals = [
      await phone('x', { access_token: `${accessToken}x` }),
      await phone('x'),
      await check({ content: 'hi', openid: sessionKey }),
      await checkSession('o-secret', sessionKey),
      await checkSession('o-secret', signatureOf(`${sessionKey}x`)),
      await client.post('/werun', { openid: sessionKey }),
      await client.post('/cgi-bin/stable_token', {
        grant_type: 'client_credential',
        appid: 'wxapis',
        secret: accessToken,
      }),
      await client.get('/cgi-bin/stable_token', withToken()),
    ]
    for (const refusal of refusals) {
      const text = JSON.stringify(refusal.body)
      expect(text).not.toContain(sessionKey)
      expect(text).not.toContain(accessToken)
    }
  })
})
