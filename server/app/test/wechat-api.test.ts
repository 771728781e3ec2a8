import { createHmac } from 'node:crypto'
import {
  createWechatStandIn,
  type ListeningStandIn,
  type WechatStandIn,
} from '@header-session/testing'
import { WechatApiError } from '../src/errors'
import { type AccessTokenProvider, createAccessTokenProvider } from '../src/wechat/access-token'
import { fetchStableToken } from '../src/wechat/stable-token'
import { createWechatApi, type WechatApi } from '../src/wechat/wechat-api'
import { codeOfErrcode, errorOfAnswer, TOKEN_ERRCODES } from '../src/wechat/wechat-errcodes'
import { TOKEN_STORE_KINDS, type TokenStores } from './support/token-stores'

const SQLITE = TOKEN_STORE_KINDS.find((kind) => kind.name === 'sqlite')
const HOUR = 3_600_000

describe('WeChat’s user APIs against the stand-in (token in sqlite)', () => {
  let now = Date.UTC(2025, 5, 1, 4, 0, 0)
  let standIn: WechatStandIn
  let running: ListeningStandIn
  let backend: TokenStores
  let tokens: AccessTokenProvider
  let api: WechatApi
  /** Run when the provider fetched a token (the tests that need WeChat to reject it again). */
  let afterRefresh: () => void

  beforeEach(async () => {
    now = Date.UTC(2025, 5, 1, 4, 0, 0)
    afterRefresh = () => {}
    standIn = createWechatStandIn({
      appId: 'wxapi',
      secret: 'api-secret',
      riskyWords: ['forbidden'],
      now: () => now,
    })
    running = await standIn.listen()
    backend = await (SQLITE as NonNullable<typeof SQLITE>).open('wxapi', 1)
    tokens = createAccessTokenProvider({
      appId: 'wxapi',
      secret: 'api-secret',
      apiBase: running.apiBase,
      store: backend.stores[0] as NonNullable<(typeof backend.stores)[0]>,
      now: () => now,
      onRefresh: () => afterRefresh(),
    })
    api = createWechatApi({ appId: 'wxapi', tokens, apiBase: running.apiBase, timeoutMs: 2_000 })
  })
  afterEach(async () => {
    await backend.close()
    await running.close()
  })

  /** Log `openid` in at the stand-in; its session_key. */
  async function login(openid: string): Promise<string> {
    const query = new URLSearchParams({
      appid: 'wxapi',
      secret: 'api-secret',
      js_code: standIn.issueCode({ openid }),
      grant_type: 'authorization_code',
    })
    const text = await (await fetch(`${running.apiBase}/sns/jscode2session?${query}`)).text()
    return (JSON.parse(text) as { session_key: string }).session_key
  }

  /** The WechatApiError `promise` rejects with. */
  async function failure(promise: Promise<unknown>): Promise<WechatApiError> {
    const error: unknown = await promise.then(
      () => null,
      (reason: unknown) => reason,
    )
    expect(error).toBeInstanceOf(WechatApiError)
    return error as WechatApiError
  }

  describe('getPhoneNumber', () => {
    it('answers the number of a code', async () => {
      const code = standIn.issuePhoneCode('13800138000')
      expect(await api.getPhoneNumber(code)).toEqual({
        phoneNumber: '13800138000',
        purePhoneNumber: '13800138000',
        countryCode: '86',
        watermark: { timestamp: Math.floor(now / 1000), appid: 'wxapi' },
      })
    })

    it('maps 40029 (unknown, expired or used code) to WECHAT_CODE_INVALID, 400', async () => {
      const code = standIn.issuePhoneCode('13800138000')
      await api.getPhoneNumber(code)
      const error = await failure(api.getPhoneNumber(code))
      expect(error).toMatchObject({
        code: 'WECHAT_CODE_INVALID',
        status: 400,
        expose: true,
        wechatErrcode: 40029,
        details: { wechatErrcode: 40029 },
        api: 'getuserphonenumber',
        errmsg: expect.stringMatching(/^invalid code, rid: /),
      })
    })

    it.each([
      [40163, 'WECHAT_CODE_USED', 400, {}],
      [45011, 'WECHAT_RATE_LIMITED', 429, { 'Retry-After': '60', 'Cache-Control': 'no-store' }],
      [44991, 'WECHAT_RATE_LIMITED', 429, { 'Retry-After': '60' }],
      [45009, 'WECHAT_QUOTA_EXHAUSTED', 503, {}],
      [43104, 'WECHAT_OPENID_INVALID', 400, {}],
      [40013, 'WECHAT_REFUSED', 502, {}],
    ])('maps errcode %d to %s (%d)', async (errcode, code, status, headers) => {
      const phoneCode = standIn.issuePhoneCode('13800138000', { errcode })
      const error = await failure(api.getPhoneNumber(phoneCode))
      expect(error).toMatchObject({ code, status, wechatErrcode: errcode, headers })
    })

    it('maps -1 (busy) to WECHAT_BUSY, 503 with Retry-After', async () => {
      standIn.setBusy('getuserphonenumber', true)
      const error = await failure(api.getPhoneNumber(standIn.issuePhoneCode('13800138000')))
      expect(error).toMatchObject({
        code: 'WECHAT_BUSY',
        status: 503,
        wechatErrcode: -1,
        headers: { 'Retry-After': '1' },
      })
    })

    it('refreshes a rejected token (40001) once and retries once', async () => {
      await tokens.getToken()
      standIn.invalidateAccessToken()
      const before = standIn.stats()
      await api.getPhoneNumber(standIn.issuePhoneCode('13800138000'))
      const after = standIn.stats()
      expect(after.getuserphonenumber - before.getuserphonenumber).toBe(2)
      expect(after.stable_token - before.stable_token).toBe(1)
    })

    it('refreshes an expired token (42001) once: our clock behind WeChat’s', async () => {
      await tokens.getToken()
      // WeChat's clock runs 2 h ahead of ours: the token we hold as fresh expired there.
      const ours = now
      now += 2 * HOUR
      const lagging = createAccessTokenProvider({
        appId: 'wxapi',
        secret: 'api-secret',
        apiBase: running.apiBase,
        store: backend.stores[0] as NonNullable<(typeof backend.stores)[0]>,
        now: () => ours,
      })
      const laggingApi = createWechatApi({
        appId: 'wxapi',
        tokens: lagging,
        apiBase: running.apiBase,
      })
      const before = standIn.stats()
      const number = await laggingApi.getPhoneNumber(standIn.issuePhoneCode('13800138001'))
      expect(number.purePhoneNumber).toBe('13800138001')
      expect(standIn.stats().stable_token - before.stable_token).toBe(1)
    })

    it('gives up with WECHAT_TOKEN_REJECTED when the fresh token is rejected too', async () => {
      await tokens.getToken()
      standIn.invalidateAccessToken()
      afterRefresh = () => standIn.invalidateAccessToken()
      const before = standIn.stats()
      const error = await failure(api.getPhoneNumber(standIn.issuePhoneCode('13800138000')))
      expect(error).toMatchObject({
        code: 'WECHAT_TOKEN_REJECTED',
        status: 502,
        wechatErrcode: 40001,
      })
      expect(standIn.stats().getuserphonenumber - before.getuserphonenumber).toBe(2)
    })

    it('maps an unreachable WeChat to WECHAT_UNAVAILABLE without the token in the error', async () => {
      const token = await tokens.getToken()
      const offline = createWechatApi({ appId: 'wxapi', tokens, apiBase: 'http://127.0.0.1:9' })
      const error = await failure(offline.getPhoneNumber('a-code'))
      expect(error).toMatchObject({
        code: 'WECHAT_UNAVAILABLE',
        status: 502,
        reason: 'WeChat is unreachable',
      })
      const everything = JSON.stringify({
        error,
        message: error.message,
        cause: String(error.cause),
      })
      expect(everything).not.toContain(token)
      expect(everything).not.toContain('a-code')
    })
  })

  describe('msgSecCheck', () => {
    it('answers pass or risky with the label and trace id', async () => {
      await login('o-writer')
      expect(await api.msgSecCheck({ content: 'hello', openid: 'o-writer', scene: 2 })).toEqual({
        suggest: 'pass',
        label: 100,
        traceId: expect.any(String),
        detail: [expect.objectContaining({ strategy: 'content_model' })],
      })
      const risky = await api.msgSecCheck({ content: 'so forbidden', openid: 'o-writer', scene: 3 })
      expect(risky).toMatchObject({ suggest: 'risky', label: 20006 })
      expect(risky.detail).toContainEqual(expect.objectContaining({ keyword: 'forbidden' }))
    })

    it('maps 40003 (unknown openid) to WECHAT_OPENID_INVALID and 61010 to WECHAT_USER_INACTIVE', async () => {
      expect(
        await failure(api.msgSecCheck({ content: 'hi', openid: 'o-nobody', scene: 2 })),
      ).toMatchObject({
        code: 'WECHAT_OPENID_INVALID',
        status: 400,
        wechatErrcode: 40003,
      })
      await login('o-away')
      now += 2 * HOUR + 1
      expect(
        await failure(api.msgSecCheck({ content: 'hi', openid: 'o-away', scene: 2 })),
      ).toMatchObject({
        code: 'WECHAT_USER_INACTIVE',
        status: 400,
        wechatErrcode: 61010,
      })
    })

    it('maps an errcode of a request of ours (40129 scene) to WECHAT_REFUSED', async () => {
      await login('o-writer')
      const scene = 9 as unknown as 2
      expect(
        await failure(api.msgSecCheck({ content: 'hi', openid: 'o-writer', scene })),
      ).toMatchObject({
        code: 'WECHAT_REFUSED',
        status: 502,
        wechatErrcode: 40129,
      })
    })

    it('refuses a content over 2500 characters before calling WeChat', async () => {
      await expect(
        api.msgSecCheck({ content: 'x'.repeat(2_501), openid: 'o-writer', scene: 2 }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { content: expect.any(String) },
      })
      expect(standIn.stats().msg_sec_check).toBe(0)
    })
  })

  describe('checkSessionKey', () => {
    it('is true for the current session_key, false once a login replaced it', async () => {
      const first = await login('o-checked')
      expect(await api.checkSessionKey('o-checked', first)).toBe(true)
      const second = await login('o-checked')
      expect(await api.checkSessionKey('o-checked', first)).toBe(false)
      expect(await api.checkSessionKey('o-checked', second)).toBe(true)
      // The key is never sent: only its signature is.
      expect(createHmac('sha256', second).update('').digest('hex')).toHaveLength(64)
    })

    it('maps an openid WeChat does not know (40003) and busy (-1)', async () => {
      expect(
        await failure(api.checkSessionKey('o-nobody', 'AAAAAAAAAAAAAAAAAAAAAA==')),
      ).toMatchObject({
        code: 'WECHAT_OPENID_INVALID',
        wechatErrcode: 40003,
      })
      standIn.setBusy('checksession', true)
      expect(await failure(api.checkSessionKey('o-nobody', 'x'))).toMatchObject({
        code: 'WECHAT_BUSY',
      })
    })
  })

  describe('fetchStableToken', () => {
    const credentials = () => ({
      appId: 'wxapi',
      secret: 'api-secret',
      apiBase: running.apiBase,
      timeoutMs: 2_000,
    })

    it('maps a wrong secret (40125) and appid (40013) to WECHAT_REFUSED, without the secret', async () => {
      const error = await failure(
        fetchStableToken({ ...credentials(), secret: 'wrong-secret' }, false),
      )
      expect(error).toMatchObject({ code: 'WECHAT_REFUSED', status: 502, wechatErrcode: 40125 })
      expect(JSON.stringify({ ...error, message: error.message })).not.toContain('wrong-secret')
      expect(
        await failure(fetchStableToken({ ...credentials(), appId: 'wxother' }, false)),
      ).toMatchObject({
        wechatErrcode: 40013,
      })
    })

    it('maps busy and an answer that is not WeChat’s', async () => {
      standIn.setBusy('stable_token', true)
      expect(await failure(fetchStableToken(credentials(), false))).toMatchObject({
        code: 'WECHAT_BUSY',
      })
      const elsewhere = { ...credentials(), apiBase: `${running.url}/elsewhere` }
      expect(await failure(fetchStableToken(elsewhere, false))).toMatchObject({
        code: 'WECHAT_UNAVAILABLE',
        reason: 'WeChat answered HTTP 404',
      })
    })
  })
})

describe('the errcode mapping', () => {
  it.each([
    [-1, 'WECHAT_BUSY', 503],
    [40029, 'WECHAT_CODE_INVALID', 400],
    [40163, 'WECHAT_CODE_USED', 400],
    [45011, 'WECHAT_RATE_LIMITED', 429],
    [44991, 'WECHAT_RATE_LIMITED', 429],
    [45009, 'WECHAT_QUOTA_EXHAUSTED', 503],
    [40001, 'WECHAT_TOKEN_REJECTED', 502],
    [40014, 'WECHAT_TOKEN_REJECTED', 502],
    [42001, 'WECHAT_TOKEN_REJECTED', 502],
    [61010, 'WECHAT_USER_INACTIVE', 400],
    [40003, 'WECHAT_OPENID_INVALID', 400],
    [43104, 'WECHAT_OPENID_INVALID', 400],
    [40125, 'WECHAT_REFUSED', 502],
    [48001, 'WECHAT_REFUSED', 502],
  ])('errcode %d → %s (%d)', (errcode, code, status) => {
    expect(codeOfErrcode(errcode)).toBe(code)
    const error = errorOfAnswer('an_api', { errcode, errmsg: `msg ${errcode}` })
    expect(error).toMatchObject({ code, status, wechatErrcode: errcode, errmsg: `msg ${errcode}` })
  })

  it('refreshes the token on 40001, 40014 and 42001 only', () => {
    expect([...TOKEN_ERRCODES].sort()).toEqual([40001, 40014, 42001])
  })
})
