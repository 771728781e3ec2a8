import { createMiniRuntime, type MiniPlatform } from '../src/index'
import { myRequest, request } from './support/calls'
import { startTestServer, type TestServer } from './support/test-server'

const ALL = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH']

/** What each platform's request takes, strict under every reading of its docs. */
const TAKES: Record<MiniPlatform, string[]> = {
  wx: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'],
  qq: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'],
  tt: ['GET', 'POST', 'PUT'],
  swan: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
  alipay: ['GET', 'POST'],
}

describe("each platform's request methods", () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())
  beforeEach(() => void (server.seen.length = 0))

  describe.each(['wx', 'qq', 'tt', 'swan'] as const)('%s.request', (platform) => {
    const runtime = createMiniRuntime({ platform })
    afterAll(() => runtime.close())

    it.each(TAKES[platform])('sends %s', async (method) => {
      const { ok, failed } = await request(runtime, { url: `${server.base}/m`, method })
      expect(failed).toBeUndefined()
      expect(ok?.statusCode).toBe(200)
      expect(server.seen.map((s) => s.method)).toEqual([method])
    })

    it.each(ALL.filter((m) => !TAKES[platform].includes(m)))(
      'refuses %s without sending it',
      async (method) => {
        const { ok, failed, completed } = await request(runtime, {
          url: `${server.base}/m`,
          method,
        })
        expect(ok).toBeUndefined()
        // WeChat's words for a PATCH (wendux/grace#15), and no errno.
        expect(failed).toEqual({ errMsg: 'request:fail method is invalid' })
        expect(completed).toBe(1)
        expect(server.seen).toEqual([])
      },
    )

    it('refuses a lower-case method (the platforms want it upper case)', async () => {
      const { failed } = await request(runtime, { url: `${server.base}/m`, method: 'get' })
      expect(failed?.errMsg).toBe('request:fail method is invalid')
    })
  })

  describe('my.request (Alipay)', () => {
    const my = createMiniRuntime({ platform: 'alipay' })
    afterAll(() => my.close())

    it.each(TAKES.alipay)('sends %s', async (method) => {
      const { ok } = await myRequest(my, { url: `${server.base}/m`, method })
      expect(ok?.status).toBe(200)
      expect(server.seen.map((s) => s.method)).toEqual([method])
    })

    it.each(ALL.filter((m) => !TAKES.alipay.includes(m)))('refuses %s', async (method) => {
      const { failed } = await myRequest(my, { url: `${server.base}/m`, method })
      expect(failed).toMatchObject({ error: 2 })
      expect(server.seen).toEqual([])
    })
  })

  it('lists the same methods in the profiles', () => {
    for (const platform of Object.keys(TAKES) as MiniPlatform[]) {
      const runtime = createMiniRuntime({ platform })
      expect([...runtime.profile.methods].sort()).toEqual([...TAKES[platform]].sort())
    }
  })
})
