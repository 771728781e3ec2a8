import { createClient } from './client'
import { createMemoryStorage } from './memory-storage'
import type { SessionChangeEvent } from './session-change'
import { HttpError } from '../errors/http-error'
import { ProtocolError } from '../errors/protocol-error'
import { fakeTransport, json, sentToken, token } from '../../test/support/fake-transport'

const baseURL = 'https://api.example.com'
const T1 = token('t1')
const T2 = token('t2')

describe('createClient', () => {
  it('sends no session header until the server issues a token, then sends it on every call', async () => {
    const transport = fakeTransport((_req, i) =>
      i === 0
        ? json(200, { count: 1 }, { 'X-Header-Session': T1, 'X-Header-Session-Status': 'created' })
        : json(200, {}),
    )
    const client = createClient({ baseURL, transport })
    const first = await client.post<{ count: number }>('/api/counter')
    await client.get('/api/counter')
    expect(first.data).toEqual({ count: 1 })
    expect(sentToken(transport.requests[0])).toBeUndefined()
    expect(sentToken(transport.requests[1])).toBe(T1)
    expect(client.hasSession).toBe(true)
  })

  it.each([['x-header-session'], ['X-HEADER-SESSION'], ['X-Header-Session']])(
    'reads the session header whatever its casing (%s)',
    async (name) => {
      const client = createClient({
        baseURL,
        transport: fakeTransport(() => json(200, {}, { [name]: T1 })),
      })
      await client.get('/api/counter')
      expect(client.getToken()).toBe(T1)
    },
  )

  it('clears the token on an empty header, and on a dropping status alone', async () => {
    const answers: Record<string, string>[] = [
      { 'X-Header-Session': T1 },
      { 'x-header-session': '' },
      { 'X-Header-Session': T2 },
      { 'X-Header-Session-Status': 'expired' },
    ]
    const transport = fakeTransport((_r, i) => json(200, {}, answers[i]))
    const client = createClient({ baseURL, transport })
    await client.get('/a')
    await client.get('/b')
    expect(client.hasSession).toBe(false)
    await client.get('/c')
    await client.get('/d')
    expect(client.hasSession).toBe(false)
  })

  it.each<[string, { headerName?: string; statusHeaderName?: string }, string]>([
    ['the default, after a custom headerName', { headerName: 'X-Auth' }, 'X-Auth-Status'],
    ['statusHeaderName', { statusHeaderName: 'X-Session-Why' }, 'X-Session-Why'],
  ])('reads the status header by its name: %s', async (_label, names, statusHeader) => {
    const tokenHeader = names.headerName ?? 'X-Header-Session'
    const answers: Record<string, string>[] = [
      { [tokenHeader]: T1 },
      { [tokenHeader + '-Status']: 'expired', 'X-Header-Session-Status': 'expired' },
      { [statusHeader]: 'expired' },
    ]
    const events: SessionChangeEvent[] = []
    const transport = fakeTransport((_r, i) => json(200, {}, answers[i]))
    const hooks = { onSessionChange: (e: SessionChangeEvent) => void events.push(e) }
    const client = createClient({ baseURL, transport, hooks, ...names })
    await client.get('/a')
    await client.get('/b')
    if (statusHeader !== tokenHeader + '-Status') expect(client.hasSession).toBe(true)
    await client.get('/c')
    expect(client.hasSession).toBe(false)
    expect(events.map((e) => e.reason)).toEqual(['created', 'expired'])
  })

  it("gives the transport the client's platformOptions with the call's laid over them", async () => {
    const transport = fakeTransport(() => json(200, {}))
    const client = createClient({ baseURL, transport, platformOptions: { a: 1, b: 1 } })
    await client.get('/x')
    await client.get('/y', { platformOptions: { b: 2, c: 3 } })
    expect(transport.requests.map((r) => r.platformOptions)).toEqual([
      { a: 1, b: 1 },
      { a: 1, b: 2, c: 3 },
    ])
  })

  it.each([
    ['comma-joined', `${T1}, ${T2}`],
    ['space-joined', `${T1} ${T2}`],
    ['an array', [T1, T2]],
    ['not a token', 'bad/value'],
  ])('rejects a session header that is %s, keeping the current token', async (_label, value) => {
    const transport = fakeTransport((_r, i) =>
      json(200, {}, { 'X-Header-Session': i === 0 ? T1 : value }),
    )
    const client = createClient({ baseURL, transport })
    await client.get('/a')
    const error = await client.get('/b').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProtocolError)
    expect((error as Error).message).not.toContain(T2)
    expect(client.getToken()).toBe(T1)
  })

  it('rejects non-2xx answers with HttpError, or returns them with throwHttpErrors: false', async () => {
    const client = createClient({
      baseURL,
      transport: fakeTransport(() => json(404, { error: 'nope' })),
    })
    const error = await client.get('/api/missing', { query: { q: 'x' } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ status: 404, data: { error: 'nope' }, code: 'HTTP_ERROR' })
    expect((error as Error).message).toBe('HTTP 404: GET https://api.example.com/api/missing?q=x')
    const response = await client.get('/api/missing', { throwHttpErrors: false })
    expect(response).toMatchObject({ status: 404, ok: false })
  })

  it('builds URLs from baseURL and query, sends JSON with its content type', async () => {
    const transport = fakeTransport(() => json(200, {}))
    const client = createClient({ baseURL: baseURL + '/', transport, headers: { 'X-App': '1' } })
    await client.post('api/items', { a: 1 }, { query: { page: 2, q: 'a b', none: undefined } })
    const request = transport.requests[0]
    expect(request).toMatchObject({ kind: 'request', method: 'POST', body: '{"a":1}' })
    expect(request?.url).toBe('https://api.example.com/api/items?page=2&q=a%20b')
    expect(request?.headers).toMatchObject({ 'Content-Type': 'application/json', 'X-App': '1' })
  })

  it('never puts the token in a URL, and never sends it to another origin', async () => {
    const transport = fakeTransport(() => json(200, {}, { 'X-Header-Session': T2 }))
    const storage = createMemoryStorage()
    storage.set('header-session:' + baseURL, T1)
    const client = createClient({ baseURL, transport, storage })
    await client.get('https://other.example.com/api/x')
    expect(sentToken(transport.requests[0])).toBeUndefined()
    expect(client.getToken()).toBe(T1) // the other origin cannot change it either
    await client.get('/api/x')
    expect(transport.requests.map((r) => r.url).join()).not.toContain(T1)
  })

  it('does not let call headers or hooks set the session header', async () => {
    const transport = fakeTransport(() => json(200, {}))
    const storage = createMemoryStorage()
    storage.set('header-session:' + baseURL, T1)
    const client = createClient({
      baseURL,
      transport,
      storage,
      hooks: { beforeRequest: (req) => void (req.headers['x-header-session'] = 'forged') },
    })
    await client.get('/a', { headers: { 'X-Header-Session': 'forged2' } })
    expect(Object.values(transport.requests[0]?.headers ?? {})).toEqual([T1])
  })

  it('reports session changes without the full token', async () => {
    const events: SessionChangeEvent[] = []
    const answers = [
      { 'X-Header-Session': T1, 'X-Header-Session-Status': 'created' },
      { 'X-Header-Session': T2, 'X-Header-Session-Status': 'rotated' },
      { 'X-Header-Session': '', 'X-Header-Session-Status': 'destroyed' },
    ]
    const transport = fakeTransport((_r, i) => json(200, {}, answers[i]))
    const client = createClient({
      baseURL,
      transport,
      hooks: { onSessionChange: (e) => events.push(e) },
    })
    for (const path of ['/a', '/b', '/c']) await client.get(path)
    expect(events.map((e) => [e.reason, e.hasToken, e.generation])).toEqual([
      ['created', true, 1],
      ['rotated', true, 2],
      ['destroyed', false, 3],
    ])
    expect(events[0]?.tokenPreview).toBe(T1.slice(0, 6) + '…')
    expect(JSON.stringify(events)).not.toContain(T1)
  })

  it('decodes bodies per responseType, and falls back to text for non-JSON', async () => {
    const bytes = new ArrayBuffer(2)
    const transport = fakeTransport((r) =>
      r.url.endsWith('/html')
        ? { body: '<p>hi</p>' }
        : r.url.endsWith('/bin')
          ? { body: bytes }
          : { body: '' },
    )
    const client = createClient({ baseURL, transport })
    expect((await client.get('/html')).data).toBe('<p>hi</p>')
    expect((await client.get('/bin', { responseType: 'arraybuffer' })).data).toBe(bytes)
    expect((await client.get('/empty')).data).toBeUndefined()
    expect((await client.get('/html', { responseType: 'text' })).headers.get('nope')).toBeNull()
  })
})
