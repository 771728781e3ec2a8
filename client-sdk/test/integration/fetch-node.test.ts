import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { createClient } from '../../src/core/client'
import { createCodeLogin } from '../../src/core/code-login'
import type { ClientOptions } from '../../src/core/options'
import { SessionExpiredError } from '../../src/errors/index'
import { createFetchTransport, createFileStorage } from '../../src/fetch/index'
import { toFetch } from '../../src/to-fetch/index'
import { IDLE_TIMEOUT_MS, startRealServer, type RealServer } from './real-server'

describe('fetch adapter in Node against the real server', () => {
  let server: RealServer
  let dir: string
  let codes: number
  beforeAll(async () => {
    server = await startRealServer()
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.clock.offsetMs = 0
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-sdk-fetch-'))
    codes = 0
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  const client = (extra: Partial<ClientOptions> = {}) =>
    createClient({
      baseURL: server.url,
      transport: createFetchTransport(),
      storage: createFileStorage(path.join(dir, 'session.json'), fs),
      login: createCodeLogin({
        getCode: async () => (codes++, server.standIn.issueCode({ openid: 'o-sdk-fetch' })),
      }),
      ...extra,
    })

  it('counts, and the count survives a restart through the session file', async () => {
    await client().post('/api/counter')
    await client().post('/api/counter')
    expect((await client().get('/api/counter')).data).toEqual({ count: 2 })
  })

  it('logs in once for parallel callers, relogs in once after expiry', async () => {
    const c = client({ auth: true })
    await Promise.all(Array.from({ length: 10 }, () => c.get('/api/me')))
    expect(codes).toBe(1)
    server.clock.offsetMs = IDLE_TIMEOUT_MS + 1000
    await expect(c.get('/api/me')).resolves.toMatchObject({ status: 200 })
    expect(codes).toBe(2)
  })

  it('logout clears the token and the file', async () => {
    const c = client()
    await c.login()
    await c.logout()
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'session.json'), 'utf8'))).toEqual({})
    await expect(c.get('/api/me')).rejects.toBeInstanceOf(SessionExpiredError)
  })

  it('runs a fetch-based caller through toFetch with the session', async () => {
    const c = client({ auth: true })
    const fetchWithSession = toFetch(c)
    const me = await fetchWithSession(server.url + '/api/me')
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ user: { id: expect.any(String) } })
    expect(me.headers.get('content-type')).toMatch(/json/)
  })
})
