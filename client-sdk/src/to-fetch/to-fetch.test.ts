import { createClient } from '../core/client'
import { toFetch } from './to-fetch'
import { fakeTransport, json, sentToken, token } from '../../test/support/fake-transport'

const baseURL = 'https://api.example.com'

describe('toFetch', () => {
  const setup = () => {
    const transport = fakeTransport((r) =>
      r.url.endsWith('/login')
        ? json(200, { ok: true }, { 'X-Header-Session': token('t'), 'X-Dup': ['a', 'b'] })
        : json(404, { error: 'missing' }, { 'Content-Type': 'application/json' }),
    )
    const client = createClient({ baseURL, transport })
    return { transport, fetch: toFetch(client) }
  }

  it('answers like fetch: status, ok, headers, text and json, never throwing on status', async () => {
    const { fetch } = setup()
    const response = await fetch(baseURL + '/login', { method: 'post', body: '{}' })
    expect(response).toMatchObject({
      ok: true,
      status: 200,
      url: baseURL + '/login',
      type: 'basic',
    })
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('X-DUP')).toBe('a, b')
    expect(response.headers.has('x-header-session')).toBe(true)
    expect([...response.headers].map(([name]) => name)).toEqual([
      'content-type',
      'x-dup',
      'x-header-session',
    ])
    await expect(response.clone().json()).resolves.toEqual({ ok: true })
    await expect(response.text()).resolves.toBe('{"ok":true}')
    const missing = await fetch('/api/missing')
    expect(missing).toMatchObject({ ok: false, status: 404 })
  })

  it('carries the session: the token from one call is sent on the next', async () => {
    const { fetch, transport } = setup()
    await fetch('/login', { method: 'POST' })
    await fetch(new URL(baseURL + '/api/next'))
    expect(sentToken(transport.requests[1])).toBe(token('t'))
    expect(transport.requests[1]?.url).toBe(baseURL + '/api/next')
  })

  it('accepts Request objects, header forms and body types', async () => {
    const { fetch, transport } = setup()
    const request = new Request(baseURL + '/a', {
      method: 'PUT',
      headers: { 'X-A': '1' },
      body: 'from-request',
    })
    await fetch(request)
    await fetch('/b', { method: 'POST', headers: [['X-B', '2']], body: new Uint8Array([104, 105]) })
    await fetch('/c', {
      method: 'POST',
      headers: new Headers({ 'X-C': '3' }),
      body: new URLSearchParams({ q: 'x y' }),
    })
    const [a, b, c] = transport.requests.map((r) => (r.kind === 'request' ? r : undefined))
    expect(a).toMatchObject({ method: 'PUT', headers: { 'x-a': '1' } })
    expect(Buffer.from(a?.body as ArrayBuffer).toString()).toBe('from-request')
    expect(b).toMatchObject({ method: 'POST', headers: { 'X-B': '2' } })
    expect(Buffer.from(b?.body as ArrayBuffer).toString()).toBe('hi')
    expect(c).toMatchObject({
      body: 'q=x+y',
      headers: { 'x-c': '3', 'Content-Type': expect.stringContaining('urlencoded') },
    })
    await expect(fetch('/d', { method: 'POST', body: new Blob(['x']) })).rejects.toThrow(TypeError)
  })

  it('gives arrayBuffer() of the text', async () => {
    const { fetch } = setup()
    const response = await fetch('/login')
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('{"ok":true}')
  })
})
