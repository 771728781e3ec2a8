import { createMiniRuntime, createWxRuntime, type WxHeadersReceived } from '../src/index'
import { request } from './support/calls'
import { startTestServer, type TestServer } from './support/test-server'

describe('redirects', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())
  beforeEach(() => void (server.seen.length = 0))
  const to = (code: number, path: string) =>
    `${server.base}/redirect/${code}?to=${encodeURIComponent(path)}`

  it('follows them by default: a POST after 302 becomes a GET, after 307 stays a POST', async () => {
    const wx = createWxRuntime()
    const after302 = await request(wx, { url: to(302, '/after'), method: 'POST', data: { a: 1 } })
    expect(after302.ok).toMatchObject({ statusCode: 200, data: { method: 'GET', path: '/after' } })
    const after307 = await request(wx, { url: to(307, '/kept'), method: 'POST', data: { a: 1 } })
    expect(after307.ok?.data).toEqual({ method: 'POST', path: '/kept', body: '{"a":1}' })
    // Only the final answer reaches onHeadersReceived.
    expect(after307.headers.map((h) => h.statusCode)).toEqual([200])
  })

  it("stops at a 3xx with redirect: 'manual' on WeChat: onHeadersReceived, then nothing", async () => {
    const wx = createWxRuntime()
    const callbacks = { success: jest.fn(), fail: jest.fn(), complete: jest.fn() }
    const headers: WxHeadersReceived[] = []
    wx.request({ url: to(302, '/after'), redirect: 'manual', ...callbacks }).onHeadersReceived(
      (h) => void headers.push(h),
    )
    await wx.settled()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(headers).toEqual([expect.objectContaining({ statusCode: 302, cookies: ['a=1', 'b=2'] })])
    expect(headers[0]?.header['Location']).toBe('/after')
    expect(Object.values(callbacks).map((c) => c.mock.calls.length)).toEqual([0, 0, 0])
    expect(server.seen.map((s) => s.url)).toEqual([expect.stringMatching(/^\/redirect\/302/)])
    expect(wx.stats.inFlight).toBe(0)
  })

  it('follows anyway where the platform has no redirect option (ByteDance mini-apps)', async () => {
    const tt = createMiniRuntime({ platform: 'tt' })
    const { ok } = await request(tt, { url: to(301, '/after'), redirect: 'manual' })
    expect(ok?.data).toMatchObject({ path: '/after' })
  })

  it('fails after 20 redirects in a row', async () => {
    const { failed } = await request(createWxRuntime(), { url: `${server.base}/loop` })
    expect(failed).toEqual({ errMsg: 'request:fail too many redirects', errno: 600001 })
    expect(server.seen).toHaveLength(21)
  })
})
