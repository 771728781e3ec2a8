import {
  createMiniRuntime,
  createWechatStandIn,
  createWxRuntime,
  type ListeningStandIn,
  type WechatStandIn,
  type WxCallbackResult,
  type WxFailure,
  type WxRuntime,
  type WxWeRunDataResult,
} from '../src/index'
import { decrypt } from './support/wechat-api-client'

/** How a callback-style call ended, and whether it answered before returning. */
interface Answer<Success> {
  ok?: Success
  failed?: WxFailure
  completed: number
  sync: boolean
}

function answer<Success>(
  call: (callbacks: {
    success: (r: Success) => void
    fail: (f: WxFailure) => void
    complete: () => void
  }) => unknown,
): Promise<Answer<Success>> {
  return new Promise((resolve) => {
    const ended: Answer<Success> = { completed: 0, sync: true }
    const returned = call({
      success: (r) => void (ended.ok = r),
      fail: (f) => void (ended.failed = f),
      complete: () => {
        ended.completed++
        setTimeout(() => resolve(ended), 5)
      },
    })
    expect(returned).toBeUndefined()
    ended.sync = false
  })
}

const checkSession = (wx: WxRuntime) =>
  answer<WxCallbackResult>((callbacks) => wx.checkSession(callbacks))
const getWeRunData = (wx: WxRuntime) =>
  answer<WxWeRunDataResult>((callbacks) => wx.getWeRunData(callbacks))
const login = (wx: WxRuntime) => answer<{ code: string }>((callbacks) => wx.login(callbacks))

const SESSION_OK = { ok: { errMsg: 'checkSession:ok' }, completed: 1, sync: false }
const SESSION_STALE = {
  failed: { errMsg: 'checkSession:fail session time out, need relogin' },
  completed: 1,
  sync: false,
}

describe("wx's open APIs: checkSession and getWeRunData", () => {
  let standIn: WechatStandIn
  let running: ListeningStandIn
  beforeAll(async () => {
    standIn = createWechatStandIn()
    running = await standIn.listen()
  })
  afterAll(() => running.close())

  /** A user's wx, its codes and steps from the stand-in. */
  const userWx = (openid: string) =>
    createWxRuntime({
      login: { standInUrl: running.apiBase, openid },
      weRun: { standInUrl: running.apiBase, openid },
    })
  /** What jscode2session does with a code: the user's session_key is then the current one. */
  const redeem = async (code: string) => {
    const query = new URLSearchParams({
      appid: standIn.appId,
      secret: standIn.secret,
      js_code: code,
      grant_type: 'authorization_code',
    })
    await fetch(`${running.apiBase}/sns/jscode2session?${query}`)
  }

  it('checkSession fails before wx.login, succeeds after, fails once expired until the next login', async () => {
    const wx = userWx('o-check')
    expect(await checkSession(wx)).toEqual(SESSION_STALE)
    expect((await login(wx)).ok?.code).toEqual(expect.any(String))
    expect(await checkSession(wx)).toEqual(SESSION_OK)
    wx.expireSessionKey()
    expect(await checkSession(wx)).toEqual(SESSION_STALE)
    await login(wx)
    expect(await checkSession(wx)).toEqual(SESSION_OK)
  })

  it('checkSession keeps an expired login expired when the next wx.login fails', async () => {
    const wx = createWxRuntime({ login: () => Promise.reject(new Error('offline')) })
    expect((await login(wx)).failed?.errMsg).toBe('login:fail offline')
    expect(await checkSession(wx)).toEqual(SESSION_STALE)
  })

  it('checkSession without callbacks returns a promise of the same result', async () => {
    const wx = createWxRuntime({ login: () => 'a-code' })
    await expect(wx.checkSession()).rejects.toEqual({
      errMsg: 'checkSession:fail session time out, need relogin',
    })
    await login(wx)
    await expect(wx.checkSession()).resolves.toEqual({ errMsg: 'checkSession:ok' })
  })

  it("getWeRunData gives the stand-in's steps, encrypted with the user's current session_key", async () => {
    const wx = userWx('o-werun')
    await redeem(String((await login(wx)).ok?.code))
    const { ok, completed, sync } = await getWeRunData(wx)
    expect({ completed, sync, errMsg: ok?.errMsg }).toEqual({
      completed: 1,
      sync: false,
      errMsg: 'getWeRunData:ok',
    })
    expect(ok).not.toHaveProperty('cloudID')
    const data = decrypt(ok!.encryptedData, ok!.iv, standIn.sessionKeyOf('o-werun')!) as {
      stepInfoList: unknown[]
      watermark: { appid: string }
    }
    expect(data.stepInfoList).toHaveLength(30)
    expect(data.watermark.appid).toBe(standIn.appId)
  })

  it('getWeRunData fails with the reason when the stand-in knows no such user', async () => {
    const { failed } = await getWeRunData(userWx('o-never-logged-in'))
    expect(failed).toEqual({
      errMsg: 'getWeRunData:fail the WeChat stand-in answered 404 UNKNOWN_OPENID',
    })
  })

  it('getWeRunData takes a function as its source, cloudID included', async () => {
    const wx = createWxRuntime({
      weRun: async () => ({ encryptedData: 'ZW5j', iv: 'aXY=', cloudID: 'cloud-1' }),
    })
    expect((await getWeRunData(wx)).ok).toEqual({
      encryptedData: 'ZW5j',
      iv: 'aXY=',
      cloudID: 'cloud-1',
      errMsg: 'getWeRunData:ok',
    })
    const broken = createWxRuntime({ weRun: () => ({}) as never })
    expect((await getWeRunData(broken)).failed?.errMsg).toBe(
      'getWeRunData:fail the weRun source gave no { encryptedData, iv } strings',
    )
  })

  it('getWeRunData without a source fails as for a user who refused scope.werun', async () => {
    expect(await getWeRunData(createWxRuntime())).toEqual({
      failed: { errMsg: 'getWeRunData:fail auth deny' },
      completed: 1,
      sync: false,
    })
  })

  it('settled() waits for both; after close() neither calls back', async () => {
    const wx = createWxRuntime({ weRun: () => ({ encryptedData: 'e', iv: 'i' }) })
    const calls: string[] = []
    wx.checkSession({ complete: () => calls.push('checkSession') })
    wx.getWeRunData({ complete: () => calls.push('getWeRunData') })
    await wx.settled()
    expect(calls.sort()).toEqual(['checkSession', 'getWeRunData'])
    wx.checkSession({ complete: () => calls.push('late') })
    wx.getWeRunData({ complete: () => calls.push('late') })
    wx.close()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(calls).not.toContain('late')
  })

  it('exists on wx only', () => {
    const others = (['tt', 'qq', 'swan'] as const).map((platform) =>
      createMiniRuntime({ platform }),
    )
    expect(others.map((r) => 'checkSession' in r || 'getWeRunData' in r)).toEqual([
      false,
      false,
      false,
    ])
  })
})
