import { createMiniRuntime, createWxRuntime, RuntimeOptionsError } from '../src/index'
import { timeoutOf } from '../src/network/platform-call'
import { PROFILES } from '../src/profiles/index'
import { myRequest, request } from './support/calls'
import { startTestServer, type TestServer } from './support/test-server'

describe('timeouts', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())

  it("takes app.json's networkTimeout.request as the default of a call that sets none", async () => {
    const wx = createWxRuntime({ appJson: { networkTimeout: { request: 30 } } })
    const started = Date.now()
    const { failed } = await request(wx, { url: `${server.base}/never` })
    expect(failed).toEqual({ errMsg: 'request:fail timeout', errno: 5 })
    expect(Date.now() - started).toBeLessThan(1000)
    wx.close()
  })

  it("lets a call's own timeout win over app.json's", async () => {
    const wx = createWxRuntime({ appJson: { networkTimeout: { request: 5000 } } })
    const started = Date.now()
    expect((await request(wx, { url: `${server.base}/never`, timeout: 30 })).failed?.errno).toBe(5)
    expect(Date.now() - started).toBeLessThan(1000)
    wx.close()
  })

  it('counts from the call: a call waiting for a slot times out too', async () => {
    const wx = createWxRuntime({ maxInFlight: 1 })
    const first = request(wx, { url: `${server.base}/never`, timeout: 200 })
    const queued = await request(wx, { url: `${server.base}/x`, timeout: 30 })
    expect(queued.failed?.errMsg).toBe('request:fail timeout')
    await first
  })

  it('cuts a timeout to the platform maximum (60 s) and defaults to its own', () => {
    expect(timeoutOf(600_000, 60_000, PROFILES.wx)).toBe(60_000)
    expect(timeoutOf(undefined, 60_000, PROFILES.wx)).toBe(60_000)
    expect(timeoutOf(-1, 30_000, PROFILES.alipay)).toBe(30_000)
    expect(PROFILES.alipay.defaultTimeoutMs.request).toBe(30_000)
  })

  it("words a timeout in each platform's terms", async () => {
    const tt = createMiniRuntime({ platform: 'tt', defaultTimeoutMs: { request: 30 } })
    expect((await request(tt, { url: `${server.base}/never` })).failed).toEqual({
      errMsg: 'request:fail timeout',
    })
    const my = createMiniRuntime({ platform: 'alipay', defaultTimeoutMs: { request: 30 } })
    expect((await myRequest(my, { url: `${server.base}/never` })).failed).toMatchObject({
      error: 13,
    })
    tt.close()
    my.close()
  })

  it('refuses an app.json networkTimeout on Alipay, which reads none', () => {
    expect(() =>
      createMiniRuntime({ platform: 'alipay', appJson: { networkTimeout: { request: 1 } } }),
    ).toThrow(RuntimeOptionsError)
  })
})
