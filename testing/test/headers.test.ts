import { createMiniRuntime, createWxRuntime } from '../src/index'
import { request } from './support/calls'
import { startTestServer, type TestServer } from './support/test-server'

describe('response headers and onHeadersReceived', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())

  it('gives { header, statusCode, cookies } on a WeChat request task, before success', async () => {
    const { ok, headers } = await request(createWxRuntime(), { url: `${server.base}/status/401` })
    expect(headers).toEqual([
      {
        header: expect.objectContaining({ 'X-Header-Session': 'tok', 'Set-Cookie': 'a=1, b=2' }),
        statusCode: 401,
        cookies: ['a=1', 'b=2'],
      },
    ])
    expect(ok).toMatchObject({ statusCode: 401, cookies: ['a=1', 'b=2'], errMsg: 'request:ok' })
  })

  it.each(['qq', 'tt'] as const)(
    'gives only { header } on %s, and no cookies',
    async (platform) => {
      const { ok, headers } = await request(createMiniRuntime({ platform }), {
        url: `${server.base}/x`,
      })
      expect(headers).toEqual([{ header: expect.objectContaining({ 'X-Header-Session': 'tok' }) }])
      expect(ok).not.toHaveProperty('cookies')
    },
  )

  it('reports every header name in lower case on Baidu, and no errMsg', async () => {
    const { ok } = await request(createMiniRuntime({ platform: 'swan' }), {
      url: `${server.base}/x`,
    })
    expect(Object.keys(ok?.header ?? {})).toEqual(
      expect.arrayContaining(['x-header-session', 'set-cookie', 'content-type']),
    )
    expect(Object.keys(ok?.header ?? {}).every((k) => k === k.toLowerCase())).toBe(true)
    expect(ok).not.toHaveProperty('errMsg')
  })

  it("drops a Referer the caller sets and sends the platform's", async () => {
    server.seen.length = 0
    await request(createWxRuntime({ appId: 'wx123' }), {
      url: `${server.base}/x`,
      header: { Referer: 'https://evil.example', 'X-App': 'demo' },
    })
    await request(createMiniRuntime({ platform: 'tt', appId: 'tt9' }), {
      url: `${server.base}/x`,
      header: { 'User-Agent': 'mine' },
    })
    const [wx, tt] = server.seen
    expect(wx?.headers).toMatchObject({
      'X-App': 'demo',
      Referer: 'https://servicewechat.com/wx123/devtools/page-frame.html',
    })
    expect(tt?.headers['Referer']).toMatch(
      /^https:\/\/tmaservice\.developer\.toutiao\.com\/\?appid=tt9/,
    )
    expect(tt?.headers).not.toHaveProperty('User-Agent')
  })
})
