import http from 'node:http'
import fc from 'fast-check'
import { createMemoryStore } from '@header-session/koa'
import { countingStore } from '../../session/test/support/counting-store'
import { listen, TokenClient, type TestServer } from '../../session/test/support/http'
import { createSessionTestApp } from '../../session/test/support/session-app'

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 })

function get(
  url: string,
  headers: Record<string, string | string[]>,
): Promise<{ status: number; token: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      res.resume()
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          token: res.headers['x-header-session'] as string | undefined,
        }),
      )
    })
    req.on('error', reject)
  })
}

// Characters Node lets through in a header value: tab, visible ASCII, space, obs-text.
const headerChar = fc
  .oneof(
    fc.integer({ min: 0x20, max: 0x7e }),
    fc.constantFrom(0x09, 0x2c, 0x2e, 0x2d, 0x5f),
    fc.integer({ min: 0x80, max: 0xff }),
  )
  .map((code) => String.fromCharCode(code))
const base64url = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split(''),
)

describe('fuzzing the session header and data', () => {
  let server: TestServer
  const counted = countingStore(createMemoryStore())
  let valid: string
  beforeAll(async () => {
    server = await listen(
      createSessionTestApp({ store: counted.store, secrets: ['fuzz-secret-0123456789abcdef'] }),
    )
    const c = new TokenClient(server.url)
    await c.send('POST', '/count')
    valid = c.token as string
  })
  afterAll(async () => {
    agent.destroy()
    await server.close()
  })

  it('answers 10 000 odd header values without a crash or a 500, and never adopts them', async () => {
    const value = fc.oneof(
      fc.array(headerChar, { maxLength: 300 }).map((cs) => cs.join('').trim()),
      fc.array(base64url, { minLength: 40, maxLength: 46 }).map((cs) => cs.join('')),
      fc
        .tuple(fc.nat({ max: 86 }), fc.array(headerChar, { maxLength: 3 }))
        .map(([at, cs]) => valid.slice(0, at) + cs.join('') + valid.slice(at + cs.length)),
      fc
        .array(base64url, { minLength: 43, maxLength: 43 })
        .map((cs) => `${cs.join('')}.${valid.split('.')[1]}`),
    )
    let checked = 0
    let exact = 0
    counted.reset()
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 2 }), async (values) => {
        const header = values.length === 1 ? (values[0] as string) : values
        const res = await get(`${server.url}/read`, { 'x-header-session': header })
        checked++
        expect(res.status).toBe(200)
        const sent = values.join(', ')
        if (sent === valid) exact++
        if (sent === valid || sent === '') expect(res.token).toBeUndefined()
        else expect(res.token).toBe('')
      }),
      { numRuns: 10_000 },
    )
    expect(checked).toBe(10_000)
    // Only the one genuine token ever reached the store; nothing was written.
    expect(counted.calls.get ?? 0).toBe(exact)
    expect(counted.calls.create ?? 0).toBe(0)
  })

  it('stores any JSON data shape and gives it back, or refuses it with 413', async () => {
    const c = new TokenClient(server.url)
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 5 }), { minLength: 1, maxLength: 3 }),
        fc.jsonValue(),
        async (path, value) => {
          const res = await c.send('POST', '/set', { path, value })
          // The body reader refuses bodies holding "__proto__" keys with 400 INVALID_JSON.
          const poisoned = JSON.stringify({ path, value }).includes('"__proto__"')
          expect(poisoned ? [200, 400, 413] : [200, 413]).toContain(res.status)
          if (res.status !== 200) return
          const read = await c.send('GET', '/read')
          let node: unknown = (read.body as { data: unknown }).data
          for (const key of path) node = (node as Record<string, unknown>)[key]
          expect(node).toEqual(JSON.parse(JSON.stringify(value)))
        },
      ),
      { numRuns: 300 },
    )
  })
})
