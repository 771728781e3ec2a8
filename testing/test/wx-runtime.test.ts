import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createWxRuntime,
  type WxFailure,
  type WxRequestOptions,
  type WxRequestResult,
  type WxRuntime,
} from '../src/index'

/** A server that answers what the tests ask for, and records what it got. */
function startFake() {
  const got: Array<{
    method: string
    url: string
    headers: http.IncomingHttpHeaders
    body: string
  }> = []
  let release: () => void = () => undefined
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString()
      got.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
      const path = (req.url ?? '').split('?')[0]
      if (path === '/hold') {
        const previous = release
        release = () => {
          previous()
          res.end('held')
        }
        return
      }
      if (path === '/never') return
      if (path === '/codes') return void res.end(JSON.stringify({ code: `code-${got.length}` }))
      res.writeHead(path === '/401' ? 401 : 200, [
        ['X-Header-Session', 'tok'],
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
        ['Content-Type', path === '/text' ? 'text/plain' : 'application/json'],
      ])
      res.end(path === '/text' ? 'not json' : JSON.stringify({ path }))
    })
  })
  return {
    got,
    release: () => release(),
    async listen(): Promise<string> {
      server.listen(0, '127.0.0.1')
      await new Promise((resolve) => server.once('listening', resolve))
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const call = (wx: WxRuntime, o: WxRequestOptions) =>
  new Promise<{ ok?: WxRequestResult; failed?: WxFailure; completed: number }>((resolve) => {
    let completed = 0
    const out: { ok?: WxRequestResult; failed?: WxFailure } = {}
    wx.request({
      ...o,
      success: (r) => void (out.ok = r),
      fail: (f) => void (out.failed = f),
      complete: () => {
        completed++
        setImmediate(() => resolve({ ...out, completed }))
      },
    })
  })

describe('createWxRuntime (WeChat on Node)', () => {
  const fake = startFake()
  let base: string
  let wx: WxRuntime
  beforeAll(async () => {
    base = await fake.listen()
  })
  afterAll(() => fake.close())
  beforeEach(() => {
    wx = createWxRuntime({ login: { standInUrl: base } })
    fake.got.length = 0
  })
  afterEach(() => wx.close())

  it("keeps the server's header names, joins duplicates, and calls success for a 401", async () => {
    const { ok, completed } = await call(wx, { url: `${base}/401` })
    expect(ok).toMatchObject({ statusCode: 401, data: { path: '/401' }, errMsg: 'request:ok' })
    expect(ok?.header).toMatchObject({ 'X-Header-Session': 'tok', 'Set-Cookie': 'a=1, b=2' })
    expect(ok?.cookies).toEqual(['a=1', 'b=2'])
    expect(completed).toBe(1)
  })

  it('lowercases header names like HTTP/2: per call (enableHttp2) or for the whole runtime', async () => {
    const perCall = await call(wx, { url: `${base}/x`, enableHttp2: true })
    expect(Object.keys(perCall.ok?.header ?? {})).toContain('x-header-session')
    const lower = createWxRuntime({ http2: true })
    const all = await call(lower, { url: `${base}/x` })
    expect(Object.keys(all.ok?.header ?? {}).every((k) => k === k.toLowerCase())).toBe(true)
  })

  it('sends objects as JSON, GET data as a query, forms as forms; leaves non-JSON text', async () => {
    await call(wx, { url: `${base}/a`, method: 'POST', data: { n: 1 } })
    await call(wx, { url: `${base}/b?x=1`, data: { q: 'a b', n: 2 } })
    await call(wx, {
      url: `${base}/c`,
      method: 'POST',
      data: { f: 'v' },
      header: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(fake.got.map((g) => [g.method, g.url, g.body])).toEqual([
      ['POST', '/a', '{"n":1}'],
      ['GET', '/b?x=1&q=a%20b&n=2', ''],
      ['POST', '/c', 'f=v'],
    ])
    expect(fake.got[0]?.headers['content-type']).toBe('application/json')
    expect(fake.got[0]?.headers.referer).toBe(
      'https://servicewechat.com/touristappid/devtools/page-frame.html',
    )
    expect((await call(wx, { url: `${base}/text` })).ok?.data).toBe('not json')
  })

  it('fails with errMsg: refused connection, timeout, abort', async () => {
    const refused = await call(wx, { url: 'http://127.0.0.1:1/' })
    expect(refused.failed?.errMsg).toMatch(/^request:fail .*ECONNREFUSED/)
    expect(refused.failed?.errno).toBe(600001)
    const late = await call(wx, { url: `${base}/never`, timeout: 50 })
    expect(late.failed).toEqual({ errMsg: 'request:fail timeout', errno: 5 })
    const aborted = await new Promise<WxFailure>((resolve) => {
      const task = wx.request({ url: `${base}/never`, fail: resolve })
      setTimeout(() => task.abort(), 10)
    })
    expect(aborted).toEqual({ errMsg: 'request:fail abort' })
    expect(wx.stats.aborted).toBe(1)
  })

  it('runs at most 10 calls at once and queues the rest', async () => {
    const calls = Array.from({ length: 12 }, () => call(wx, { url: `${base}/hold` }))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(wx.stats.inFlight).toBe(10)
    expect(fake.got).toHaveLength(10)
    fake.release()
    await new Promise((resolve) => setTimeout(resolve, 50))
    fake.release()
    const results = await Promise.all(calls)
    expect(results.every((r) => r.ok?.data === 'held')).toBe(true)
    expect(wx.stats).toMatchObject({ peakInFlight: 10, overflowed: 2, inFlight: 0 })
  })

  it("fails an 11th call at once with overflow: 'fail'", async () => {
    const strict = createWxRuntime({ overflow: 'fail' })
    const calls = Array.from({ length: 11 }, () => call(strict, { url: `${base}/hold` }))
    const eleventh = await calls[10]
    expect(eleventh?.failed?.errMsg).toBe('request:fail exceed max task count 10')
    await new Promise((resolve) => setTimeout(resolve, 50))
    fake.release()
    await Promise.all(calls)
    await strict.settled()
  })

  it('uploads and downloads files, with onHeadersReceived and no header in the result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wx-runtime-test-'))
    const file = join(dir, 'photo.jpg')
    writeFileSync(file, 'JPEGDATA')
    const seen: string[] = []
    const uploaded = await new Promise<{ data: string; statusCode: number }>((resolve, reject) => {
      const task = wx.uploadFile({
        url: `${base}/up`,
        filePath: file,
        name: 'photo',
        formData: { caption: 'hi' },
        success: resolve,
        fail: reject,
      })
      task.onHeadersReceived((r) => seen.push(r.header['X-Header-Session'] ?? ''))
    })
    expect(uploaded).not.toHaveProperty('header')
    expect(fake.got[0]?.body).toContain('name="caption"\r\n\r\nhi')
    expect(fake.got[0]?.body).toContain('filename="photo.jpg"')
    expect(fake.got[0]?.body).toContain('JPEGDATA')
    const target = join(dir, 'saved.json')
    const downloaded = await new Promise<{ filePath?: string }>((resolve, reject) => {
      const task = wx.downloadFile({
        url: `${base}/d`,
        filePath: target,
        success: resolve,
        fail: reject,
      })
      task.onHeadersReceived((r) => seen.push(r.header['X-Header-Session'] ?? ''))
    })
    expect(downloaded.filePath).toBe(target)
    expect(readFileSync(target, 'utf8')).toBe('{"path":"/d"}')
    expect(seen).toEqual(['tok', 'tok'])
    rmSync(dir, { recursive: true, force: true })
  })

  it('mints wx.login codes from the stand-in', async () => {
    const result = await new Promise((resolve) => wx.login({ success: resolve }))
    expect(result).toEqual({ code: expect.stringMatching(/^code-/), errMsg: 'login:ok' })
    expect(fake.got[0]).toMatchObject({ method: 'POST', url: '/codes' })
    expect(wx.stats.logins).toBe(1)
  })

  it("enforces WeChat's storage limits: 1 MB per key, 10 MB in all", () => {
    wx.setStorageSync('k', { a: [1, 2] })
    expect(wx.getStorageSync('k')).toEqual({ a: [1, 2] })
    expect(wx.getStorageSync('missing')).toBe('')
    expect(() => wx.setStorageSync('big', 'x'.repeat(1024 * 1024))).toThrow(
      'setStorageSync:fail exceed storage item max length',
    )
    const item = 'x'.repeat(1000 * 1024)
    for (let i = 0; i < 10; i++) wx.setStorageSync(`k${i}`, item)
    expect(() => wx.setStorageSync('k10', item)).toThrow(
      'setStorageSync:fail exceed storage max size 10Mb',
    )
    expect(wx.getStorageInfoSync()).toMatchObject({ limitSize: 10240 })
    wx.removeStorageSync('k0')
    expect(() => wx.setStorageSync('k10', item)).not.toThrow()
    wx.clearStorageSync()
    expect(wx.getStorageInfoSync()).toEqual({ keys: [], currentSize: 0, limitSize: 10240 })
  })

  it('runs no callback after close()', async () => {
    const success = jest.fn()
    wx.request({ url: `${base}/x`, success })
    wx.close()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(success).not.toHaveBeenCalled()
  })
})
