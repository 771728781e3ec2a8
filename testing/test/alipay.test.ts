import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMiniRuntime, type AlipayRuntime } from '../src/index'
import { myRequest } from './support/calls'
import { startTestServer, type TestServer } from './support/test-server'

describe("createMiniRuntime({ platform: 'alipay' }) (Alipay's my)", () => {
  let server: TestServer
  let my: AlipayRuntime
  let dir: string
  beforeAll(async () => {
    server = await startTestServer()
    dir = mkdtempSync(join(tmpdir(), 'mini-runtime-alipay-'))
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })
  beforeEach(() => {
    server.seen.length = 0
    my = createMiniRuntime({ platform: 'alipay', login: () => 'auth-1' })
  })
  afterEach(() => my.close())

  it('reads request headers from headers (not header) and answers { data, status, headers }', async () => {
    const { ok } = await myRequest(my, {
      url: `${server.base}/x`,
      method: 'POST',
      headers: { 'X-App': 'demo' },
      data: { a: 1 },
    })
    expect(ok).toEqual({
      data: { method: 'POST', path: '/x', body: '{"a":1}' },
      status: 200,
      headers: expect.objectContaining({ 'X-Header-Session': 'tok' }),
    })
    expect(server.seen[0]?.headers).toMatchObject({
      'X-App': 'demo',
      'content-type': 'application/json',
    })
    await myRequest(my, { url: `${server.base}/y`, header: { 'X-App': 'ignored' } } as never)
    expect(server.seen[1]?.headers).not.toHaveProperty('X-App')
  })

  it('fails a non-2xx answer with error 19, carrying status, headers and data', async () => {
    const { ok, failed } = await myRequest(my, { url: `${server.base}/status/401` })
    expect(ok).toBeUndefined()
    expect(failed).toMatchObject({
      error: 19,
      status: 401,
      headers: expect.objectContaining({ 'X-Header-Session': 'tok' }),
      data: expect.stringContaining('/status/401'),
    })
  })

  it("fails a body that is not JSON under dataType 'json' with error 14; text, base64, arraybuffer", async () => {
    expect((await myRequest(my, { url: `${server.base}/text` })).failed).toMatchObject({
      error: 14,
      data: 'not json',
    })
    expect((await myRequest(my, { url: `${server.base}/text`, dataType: 'text' })).ok?.data).toBe(
      'not json',
    )
    const base64 = await myRequest(my, { url: `${server.base}/bytes`, dataType: 'base64' })
    expect(base64.ok?.data).toBe('data:application/octet-stream;base64,AAH/')
    const bytes = await myRequest(my, { url: `${server.base}/bytes`, dataType: 'arraybuffer' })
    expect([...new Uint8Array(bytes.ok?.data as ArrayBuffer)]).toEqual([0, 1, 255])
  })

  it('aborts with error 9, and runs more than 10 calls at once (no limit on Alipay)', async () => {
    const aborted = await new Promise((resolve) => {
      const task = my.request({ url: `${server.base}/never`, fail: resolve })
      setTimeout(() => task.abort(), 10)
    })
    expect(aborted).toEqual({ error: 9, errorMessage: 'request:fail abort' })
    const calls = Array.from({ length: 15 }, () => myRequest(my, { url: `${server.base}/hold` }))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(my.stats.inFlight).toBe(15)
    server.release()
    await Promise.all(calls)
  })

  it('uploads with fileName and fileType, answering every status with a string statusCode', async () => {
    const file = join(dir, 'a.png')
    writeFileSync(file, 'PNG')
    const upload = (o: Record<string, unknown>) =>
      new Promise<unknown>((resolve) =>
        my.uploadFile({
          url: `${server.base}/status/500`,
          filePath: file,
          ...o,
          success: resolve,
          fail: resolve,
        }),
      )
    expect(await upload({ fileName: 'avatar', fileType: 'image' })).toMatchObject({
      statusCode: '500',
      header: expect.objectContaining({ 'X-Header-Session': 'tok' }),
    })
    expect(server.seen[0]?.body).toContain('name="avatar"; filename="a.png"')
    expect(await upload({ name: 'avatar' })).toEqual({ error: 11, errorMessage: '无效参数' })
    expect(server.seen).toHaveLength(1)
  })

  it('downloads a 2xx to an apFilePath only, and fails any other status with error 12', async () => {
    const download = (path: string) =>
      new Promise<object>((resolve) =>
        my.downloadFile({ url: `${server.base}${path}`, success: resolve, fail: resolve }),
      )
    const saved = (await download('/x')) as { apFilePath: string }
    expect(Object.keys(saved)).toEqual(['apFilePath'])
    expect(readFileSync(saved.apFilePath, 'utf8')).toContain('"path":"/x"')
    expect(await download('/status/404')).toEqual({ error: 12, errorMessage: '下载失败' })
  })

  it('gives an authCode for a valid scope, and refuses a call without scopes', async () => {
    const ok = await new Promise((resolve) =>
      my.getAuthCode({ scopes: 'auth_base', success: resolve }),
    )
    expect(ok).toEqual({ authCode: 'auth-1' })
    const refused = await new Promise((resolve) =>
      my.getAuthCode({ scopes: [] as string[], fail: resolve }),
    )
    expect(refused).toMatchObject({ error: 2 })
    expect(my.stats.logins).toBe(2)
  })
})
