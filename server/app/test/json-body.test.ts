import { request } from 'node:http'
import { connect } from 'node:net'
import { gzipSync } from 'node:zlib'
import { Writable } from 'node:stream'
import pino from 'pino'
import { createJsonBody } from '../src/http/json-body'
import { openRouteHarness, type RouteHarness } from './support/route-app'
import type { TokenClient } from '../../session/test/support/http'

interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: { error?: { code: string; message: string } } & Record<string, unknown>
}

/**
 * One request over node:http with the body's exact bytes: one Buffer (sent with its
 * Content-Length unless the headers say otherwise), or several, sent chunked.
 */
function send(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | Buffer[],
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const all = { ...headers }
    if (Buffer.isBuffer(body) && !('content-length' in all)) {
      all['content-length'] = String(body.length)
    }
    const req = request(`${url}${path}`, { method, headers: all }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: text ? (JSON.parse(text) as RawAnswer['body']) : {},
        })
      })
    })
    req.on('error', reject)
    for (const chunk of Buffer.isBuffer(body) ? [body] : (body ?? [])) req.write(chunk)
    req.end()
  })
}

const JSON_TYPE = { 'content-type': 'application/json' }
/** `{"text":"<bytes>"}` with the given bytes between the quotes. */
const noteBytes = (bytes: Buffer) =>
  Buffer.concat([Buffer.from('{"text":"'), bytes, Buffer.from('"}')])

describe('JSON request bodies (createJsonBody in the reference app)', () => {
  let harness: RouteHarness
  let alice: TokenClient
  beforeAll(async () => {
    harness = await openRouteHarness('sqlite')
    alice = await harness.loggedIn('o-body')
  })
  afterAll(() => harness.close())
  const auth = () => ({ 'X-Header-Session': alice.token as string })
  const notes = async () => (await alice.send('GET', '/api/notes')).body as { notes: unknown[] }
  const postNote = (headers: Record<string, string>, body?: Buffer | Buffer[]) =>
    send(harness.url, 'POST', '/api/notes', { ...auth(), ...headers }, body)

  it.each([
    ['a lone 0xFF and a truncated sequence (ok\\xff\\xc3)', 'ok\xff\xc3'],
    ['a continuation byte alone', '\x80'],
    ['an overlong "/" (C0 AF)', '\xc0\xaf'],
    ['an encoded surrogate (ED A0 80)', '\xed\xa0\x80'],
    ['a code point past U+10FFFF (F4 90 80 80)', '\xf4\x90\x80\x80'],
  ])('answers 400 INVALID_UTF8 to %s, and stores nothing', async (_name, latin1) => {
    const res = await postNote(JSON_TYPE, noteBytes(Buffer.from(latin1, 'latin1')))
    expect(res.status).toBe(400)
    expect(res.body).toEqual({
      error: { code: 'INVALID_UTF8', message: 'The request body is not valid UTF-8' },
    })
    expect((await notes()).notes).toEqual([])
  })

  it("answers a refused body with the session's headers, as any error", async () => {
    const bad = Buffer.from('{"qty":"\xff"}', 'latin1')
    for (const [headers, status] of [
      [{ 'content-type': 'application/json' }, 400],
      [{ 'content-type': 'text/plain' }, 415],
      [{ 'content-type': 'application/json' }, 413],
    ] as const) {
      const res = await send(
        harness.url,
        'PUT',
        '/api/cart/items/A1',
        { ...headers, 'X-Header-Session': 'junk' },
        status === 413 ? Buffer.alloc(70_000, ' ') : bad,
      )
      expect(res.status).toBe(status)
      expect(res.headers['x-header-session-status']).toBe('invalid')
      expect(res.headers['x-header-session']).toBe('')
    }
  })

  it('reads UTF-8 exactly, with or without a charset and a BOM', async () => {
    const text = 'é, 中文, 🎉'
    const cases: [Record<string, string>, Buffer][] = [
      [JSON_TYPE, noteBytes(Buffer.from(text))],
      [{ 'content-type': 'application/json; charset=utf-8' }, noteBytes(Buffer.from(text))],
      [{ 'content-type': 'application/json;charset="UTF-8"' }, noteBytes(Buffer.from(text))],
      [{ 'content-type': 'application/json; charset=utf8' }, noteBytes(Buffer.from(text))],
      [JSON_TYPE, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), noteBytes(Buffer.from(text))])],
    ]
    for (const [headers, body] of cases) {
      const res = await postNote(headers, body)
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ note: { text } })
    }
    // Chunks split inside a multi-byte character are joined before decoding.
    const bytes = noteBytes(Buffer.from(text))
    const res = await postNote(JSON_TYPE, [bytes.subarray(0, 11), bytes.subarray(11)])
    expect(res.body).toMatchObject({ note: { text } })
    const stored = (await notes()).notes as { id: number; text: string }[]
    expect(stored.map((n) => n.text)).toEqual(Array(cases.length + 1).fill(text))
    for (const note of stored) await alice.send('DELETE', `/api/notes/${note.id}`)
  })

  it.each([
    ['iso-8859-1', 'application/json; charset=iso-8859-1'],
    ['utf-16', 'application/json; charset=UTF-16'],
    ['a quoted windows-1252', 'application/json; charset="windows-1252"'],
  ])('answers 415 to charset %s, with Accept, and stores nothing', async (_name, type) => {
    const res = await postNote(
      { 'content-type': type },
      noteBytes(Buffer.from('caf\xe9', 'latin1')),
    )
    expect(res.status).toBe(415)
    expect(res.body.error).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringMatching(/^charset ".+" is not read: send UTF-8/),
    })
    expect(res.headers.accept).toBe('application/json')
    expect((await notes()).notes).toEqual([])
  })

  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['form data', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['no Content-Type', {}],
  ])('answers 415 to a body sent as %s', async (_name, headers) => {
    const res = await postNote(headers, Buffer.from('{"text":"x"}'))
    expect(res.status).toBe(415)
    expect(res.body.error).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringMatching(/^Expected a JSON body/),
    })
    expect((await notes()).notes).toEqual([])
  })

  it('reads the +json types', async () => {
    const res = await postNote(
      { 'content-type': 'application/merge-patch+json' },
      Buffer.from('{"text":"merge"}'),
    )
    expect(res.status).toBe(201)
    await alice.send('DELETE', `/api/notes/${(res.body.note as { id: number }).id}`)
  })

  it('answers 415 to a compressed body, with Accept-Encoding: identity', async () => {
    const res = await postNote(
      { ...JSON_TYPE, 'content-encoding': 'gzip' },
      gzipSync('{"text":"zipped"}'),
    )
    expect(res.status).toBe(415)
    expect(res.body.error?.message).toMatch(/^Content-Encoding "gzip" is not read/)
    expect(res.headers['accept-encoding']).toBe('identity')
  })

  it('answers 413 past 64 KiB, declared or counted in chunks, and the connection goes on', async () => {
    const declared = await postNote(JSON_TYPE, noteBytes(Buffer.alloc(66_000, 'a')))
    expect(declared.status).toBe(413)
    expect(declared.body.error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request body is larger than 64 KiB',
    })
    const chunk = Buffer.alloc(16_384, ' ')
    const counted = await postNote(JSON_TYPE, [
      Buffer.from('{"text":"x"'),
      ...Array(5).fill(chunk),
      Buffer.from('}'),
    ])
    expect(counted.status).toBe(413)
    expect(counted.body.error?.code).toBe('PAYLOAD_TOO_LARGE')
    const atLimit = Buffer.concat([
      Buffer.from('{"text":"x"'),
      Buffer.alloc(65_536 - 13, ' '),
      Buffer.from('}'),
    ])
    expect(atLimit.length).toBe(65_535)
    const kept = await postNote(JSON_TYPE, atLimit)
    expect(kept.status).toBe(201)
    await alice.send('DELETE', `/api/notes/${(kept.body.note as { id: number }).id}`)
  })

  it('keeps INVALID_JSON for broken JSON, bare values and __proto__ keys, escaped or not', async () => {
    for (const text of [
      '{"text": ',
      '"just a string"',
      '42',
      '{"__proto__": {"text": "x"}}',
      '{"\\u005f_proto__": 1}',
      '   ',
    ]) {
      const res = await postNote(JSON_TYPE, Buffer.from(text))
      expect(res.status).toBe(400)
      expect(res.body).toEqual({
        error: { code: 'INVALID_JSON', message: 'The request body is not valid JSON' },
      })
    }
  })

  it('takes a POST without a body, with or without a Content-Type', async () => {
    for (const headers of [{}, JSON_TYPE, { 'content-type': 'text/plain' }]) {
      const res = await send(harness.url, 'POST', '/api/counter', headers)
      expect(res.status).toBe(200)
    }
    const empty = await send(harness.url, 'POST', '/api/counter', JSON_TYPE, Buffer.alloc(0))
    expect(empty.status).toBe(200)
  })

  it('survives a client that goes away in the middle of its body', async () => {
    const lines: string[] = []
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString('utf8'))
          done()
        },
      }),
    )
    const server = await harness.variant({ logger })
    const { port } = new URL(server.url)
    const socket = connect(Number(port), '127.0.0.1')
    await new Promise((resolve) => socket.once('connect', resolve))
    socket.write(
      `POST /api/notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `X-Header-Session: ${alice.token}\r\nContent-Length: 100\r\n\r\n{"text":"cut`,
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
    socket.destroy()
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect((await notes()).notes).toEqual([])
    expect((await send(server.url, 'GET', '/healthz', {})).status).toBe(200)
    const logged = lines.map(
      (line) => JSON.parse(line) as { msg: string; path?: string; status?: number },
    )
    expect(logged.filter((l) => l.msg === 'request' && l.path === '/api/notes')).toEqual([
      expect.objectContaining({ status: 400 }),
    ])
    // Logged as the client's doing (Node's parser: HPE_INVALID_EOF_STATE), not as an error.
    expect(logged.filter((l) => l.msg === 'unexpected error')).toEqual([])
    expect(logged.filter((l) => l.msg === 'client connection ended')).toHaveLength(1)
  })

  it("answers the stand-in's /codes with the same rules (1 KiB)", async () => {
    const codes = (headers: Record<string, string>, body: Buffer) =>
      send(harness.url, 'POST', '/__dev/wechat/codes', headers, body)
    expect((await codes(JSON_TYPE, Buffer.from('{"openid":"o-1"}'))).status).toBe(200)
    expect((await codes({ 'content-type': 'text/plain' }, Buffer.from('{}'))).status).toBe(415)
    expect((await codes(JSON_TYPE, Buffer.from('{"openid":"\xff"}', 'latin1'))).status).toBe(400)
    expect((await codes(JSON_TYPE, Buffer.alloc(1025, ' '))).status).toBe(413)
  })
})

describe('createJsonBody', () => {
  it.each([0, -1, 1.5, Number.NaN])('refuses limitBytes %p', (limitBytes) => {
    expect(() => createJsonBody({ limitBytes })).toThrow(/^limitBytes: expected a positive integer/)
  })
})
