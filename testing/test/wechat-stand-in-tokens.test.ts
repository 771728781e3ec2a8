import { createWechatStandIn, type ListeningStandIn, type WechatStandIn } from '../src/index'
import { wechatApiClient, type WechatApiClient } from './support/wechat-api-client'

const MINUTE = 60_000

describe('the stand-in’s stable_token', () => {
  // 2025-06-01 12:00 in China (04:00 UTC): far from a China midnight.
  let now = Date.UTC(2025, 5, 1, 4, 0, 0)
  let standIn: WechatStandIn
  let running: ListeningStandIn
  let client: WechatApiClient
  beforeEach(async () => {
    standIn = createWechatStandIn({ appId: 'wxtoken', secret: 'token-secret', now: () => now })
    running = await standIn.listen()
    client = wechatApiClient(standIn, running)
  })
  afterEach(() => running.close())

  const tokenOf = async (forceRefresh?: boolean) => {
    const answer = await client.token(forceRefresh)
    expect(answer.body).toEqual({
      access_token: expect.any(String),
      expires_in: expect.any(Number),
    })
    return answer.body as { access_token: string; expires_in: number }
  }
  /** What `errcodeWith` gives for a token that works: the token passed, the `sig_method` not. */
  const WORKS = 40097
  /** The errcode an API answers with `token`. */
  const errcodeWith = async (token: string) =>
    (await client.get('/wxa/checksession', { access_token: token, openid: 'o-x', sig_method: 'x' }))
      .body.errcode

  it('answers a token of 7200 s as JSON, and the same one with its remaining life', async () => {
    const answer = await client.token()
    expect(answer.type).toMatch(/^application\/json/)
    const first = await tokenOf()
    expect(first.expires_in).toBe(7200)
    now += 1_000_000
    expect(await tokenOf()).toEqual({ access_token: first.access_token, expires_in: 6200 })
    expect(standIn.stats().stable_token).toBe(3)
  })

  it.each([
    [{ appid: undefined }, 41002],
    [{ secret: '' }, 41004],
    [{ grant_type: 'authorization_code' }, 40002],
    [{ appid: 'wxother' }, 40013],
    [{ secret: 'wrong' }, 40125],
    [{ force_refresh: 'yes' }, 47001],
  ])('checks the body as WeChat does: %j → %d', async (override, errcode) => {
    const body = {
      grant_type: 'client_credential',
      appid: 'wxtoken',
      secret: 'token-secret',
      ...override,
    }
    expect((await client.post('/cgi-bin/stable_token', body)).body).toMatchObject({
      errcode,
      errmsg: expect.stringMatching(/, rid: /),
    })
  })

  it('wants a POST with a JSON object body (43002, 44002, 47001)', async () => {
    expect((await client.get('/cgi-bin/stable_token')).body).toMatchObject({ errcode: 43002 })
    expect((await client.post('/cgi-bin/stable_token')).body).toMatchObject({ errcode: 44002 })
    expect((await client.post('/cgi-bin/stable_token', [1])).body).toMatchObject({ errcode: 47001 })
    const broken = await fetch(`${running.apiBase}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type":',
    })
    expect(JSON.parse(await broken.text())).toMatchObject({ errcode: 47001 })
  })

  it('renews the token in its last 5 minutes; the old one works until it expires (then 42001)', async () => {
    const first = await tokenOf()
    now += 7200_000 - 5 * MINUTE
    const renewed = await tokenOf()
    expect(renewed.access_token).not.toBe(first.access_token)
    expect(renewed.expires_in).toBe(7200)
    expect(await errcodeWith(first.access_token)).toBe(WORKS)
    now += 5 * MINUTE
    expect(await errcodeWith(first.access_token)).toBe(42001)
    expect(await errcodeWith(renewed.access_token)).toBe(WORKS)
  })

  it('tells a missing (41001), never issued (40001) and expired (42001) token apart', async () => {
    expect((await client.get('/wxa/checksession', {})).body).toMatchObject({ errcode: 41001 })
    expect(await errcodeWith('never-issued')).toBe(40001)
    const { access_token } = await tokenOf()
    now += 7200_000
    expect(await errcodeWith(access_token)).toBe(42001)
    const fresh = await tokenOf()
    expect(fresh.access_token).not.toBe(access_token)
    expect(fresh.expires_in).toBe(7200)
  })

  it('force-refreshes: the previous token works 5 more minutes, then answers 40001', async () => {
    const first = await tokenOf()
    now += MINUTE
    const forced = await tokenOf(true)
    expect(forced.access_token).not.toBe(first.access_token)
    expect(forced.expires_in).toBe(7200)
    expect(await tokenOf()).toEqual({ access_token: forced.access_token, expires_in: 7200 })
    now += 5 * MINUTE - 1
    expect(await errcodeWith(first.access_token)).toBe(WORKS)
    now += 1
    expect(await errcodeWith(first.access_token)).toBe(40001)
    expect(await errcodeWith(forced.access_token)).toBe(WORKS)
  })

  it('does not refresh within 30 s of a forced refresh; two 30 s apart kill a token at once', async () => {
    const leaked = await tokenOf()
    const forced = await tokenOf(true)
    now += 29_999
    expect((await tokenOf(true)).access_token).toBe(forced.access_token)
    expect(await errcodeWith(leaked.access_token)).toBe(WORKS)
    now += 1
    const again = await tokenOf(true)
    expect(again.access_token).not.toBe(forced.access_token)
    expect(await errcodeWith(leaked.access_token)).toBe(40001)
    expect(await errcodeWith(forced.access_token)).toBe(WORKS)
  })

  it('allows 20 forced refreshes a China day, then answers 45009 until the next one', async () => {
    await tokenOf()
    for (let i = 0; i < 20; i++) {
      now += 31_000
      await tokenOf(true)
    }
    now += 31_000
    expect((await client.token(true)).body).toMatchObject({
      errcode: 45009,
      errmsg: expect.stringMatching(/^reach max api daily quota limit/),
    })
    expect((await client.token(false)).body).toHaveProperty('access_token')
    // 2025-06-02 00:00 in China is 2025-06-01 16:00 UTC.
    now = Date.UTC(2025, 5, 1, 16, 0, 0)
    expect((await client.token(true)).body).toHaveProperty('access_token')
  })

  it('drops every token at invalidateAccessToken; the next call gets a new one', async () => {
    const first = await tokenOf()
    standIn.invalidateAccessToken()
    expect(await errcodeWith(first.access_token)).toBe(40001)
    const next = await tokenOf()
    expect(next.access_token).not.toBe(first.access_token)
    expect(await errcodeWith(next.access_token)).toBe(WORKS)
  })

  it('answers -1 while busy', async () => {
    standIn.setBusy('stable_token', true)
    expect((await client.token()).body).toMatchObject({
      errcode: -1,
      errmsg: expect.stringMatching(/^system error/),
    })
  })
})
