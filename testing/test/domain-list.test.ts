import { createMiniRuntime, createWxRuntime } from '../src/index'
import { myRequest, request } from './support/calls'
import { startTestServer, type TestServer } from './support/test-server'

describe('allowedDomains (the request domain list)', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())
  beforeEach(() => void (server.seen.length = 0))

  it('lets a listed origin through and fails any other host with errno 600002 on WeChat', async () => {
    const wx = createWxRuntime({ allowedDomains: [server.base] })
    expect((await request(wx, { url: `${server.base}/in` })).ok?.statusCode).toBe(200)
    const other = server.base.replace('127.0.0.1', 'localhost')
    const { failed } = await request(wx, { url: `${other}/out` })
    expect(failed).toEqual({ errMsg: 'request:fail url not in domain list', errno: 600002 })
    expect(server.seen.map((s) => s.url)).toEqual(['/in'])
  })

  it('matches a host entry with its exact port only', async () => {
    const wx = createWxRuntime({ allowedDomains: ['127.0.0.1'] })
    const { failed } = await request(wx, { url: `${server.base}/x` })
    expect(failed?.errno).toBe(600002)
    const port = createWxRuntime({ allowedDomains: [new URL(server.base).host] })
    expect((await request(port, { url: `${server.base}/x` })).ok?.statusCode).toBe(200)
  })

  it('checks uploads, downloads and the target of a redirect too', async () => {
    const wx = createWxRuntime({ allowedDomains: [server.base] })
    const elsewhere = `${server.base.replace('127.0.0.1', 'localhost')}/x`
    const redirect = `${server.base}/redirect/302?to=${encodeURIComponent(elsewhere)}`
    expect((await request(wx, { url: redirect })).failed?.errno).toBe(600002)
    const download = await new Promise((resolve) =>
      wx.downloadFile({ url: elsewhere, fail: resolve }),
    )
    expect(download).toEqual({ errMsg: 'downloadFile:fail url not in domain list', errno: 600002 })
  })

  it("fails in each platform's words: QQ, ByteDance, Baidu without errno; Alipay error 11", async () => {
    for (const platform of ['qq', 'tt', 'swan'] as const) {
      const runtime = createMiniRuntime({ platform, allowedDomains: ['api.example.com'] })
      const { failed } = await request(runtime, { url: `${server.base}/x` })
      expect(failed).toEqual({ errMsg: 'request:fail url not in domain list' })
    }
    const my = createMiniRuntime({ platform: 'alipay', allowedDomains: ['api.example.com'] })
    expect((await myRequest(my, { url: `${server.base}/x` })).failed).toMatchObject({ error: 11 })
    expect(server.seen).toEqual([])
  })
})
