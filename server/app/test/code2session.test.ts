import {
  createWechatStandIn,
  type ListeningStandIn,
  type WechatStandIn,
} from '@header-session/testing'
import { WechatLoginError, WechatUnavailableError } from '../src/errors'
import { code2Session } from '../src/wechat/code2session'

describe('code2Session against the WeChat stand-in', () => {
  let standIn: WechatStandIn
  let running: ListeningStandIn
  beforeAll(async () => {
    standIn = createWechatStandIn({ appId: 'wxtest', secret: 'test-secret' })
    running = await standIn.listen()
  })
  afterAll(() => running.close())
  const base = () => running.apiBase

  const options = () => ({
    appId: 'wxtest',
    secret: 'test-secret',
    apiBase: base(),
    timeoutMs: 300,
  })

  it('returns the identity', async () => {
    const identity = await code2Session(options(), standIn.issueCode({ openid: 'o-c2s' }))
    expect(identity).toEqual({ openid: 'o-c2s', unionid: null, sessionKey: expect.any(String) })
  })

  it('throws WechatLoginError for the code’s errors and WechatUnavailableError for the rest', async () => {
    await expect(code2Session(options(), 'unknown')).rejects.toMatchObject({
      name: 'WechatLoginError',
      wechatErrcode: 40029,
      status: 400,
    })
    await expect(
      code2Session(options(), standIn.issueCode({ errcode: 45011 })),
    ).rejects.toBeInstanceOf(WechatLoginError)
    await expect(
      code2Session({ ...options(), secret: 'nope' }, standIn.issueCode()),
    ).rejects.toBeInstanceOf(WechatUnavailableError)
    await expect(
      code2Session(options(), standIn.issueCode({ delayMs: 1_000 })),
    ).rejects.toMatchObject({
      name: 'WechatUnavailableError',
      reason: expect.stringMatching(/300 ms/),
    })
    await expect(
      code2Session({ ...options(), apiBase: 'http://127.0.0.1:9' }, 'x'),
    ).rejects.toMatchObject({ status: 502, reason: 'WeChat is unreachable' })
    await expect(
      code2Session({ ...options(), apiBase: `${running.url}/elsewhere` }, 'x'),
    ).rejects.toMatchObject({ reason: 'WeChat answered HTTP 404' })
  })
})
