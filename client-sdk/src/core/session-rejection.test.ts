import { createClient } from './client'
import { createMemoryStorage } from './memory-storage'
import { DEFAULT_CLIENT_OPTIONS } from './options'
import { isProtocolRejection } from './session-rejection'
import { HttpError } from '../errors/http-error'
import { SessionExpiredError } from '../errors/session-expired-error'
import { fakeTransport, json, refused, token } from '../../test/support/fake-transport'
import { readHeader } from './headers'
import type { LoginFunction } from './client-types'

const baseURL = 'https://api.example.com'
const DEAD = token('dead')
const FRESH = token('fresh')

/**
 * A Spring Session backend (`HeaderHttpSessionIdResolver.xAuthToken()`): the token travels in
 * `X-Auth-Token`, and a request without a live one gets Spring Boot's default error body.
 */
function springBackend(options: { loginWorks?: boolean } = {}) {
  const live = new Set<string>()
  let logins = 0
  const transport = fakeTransport((request) => {
    if (request.url.endsWith('/login')) {
      logins++
      if (options.loginWorks === false) return json(200, {})
      live.add(FRESH)
      return json(200, {}, { 'X-Auth-Token': FRESH })
    }
    const sent = readHeader(request.headers, 'X-Auth-Token')
    if (!sent || !live.has(sent)) return json(401, { status: 401, error: 'Unauthorized' })
    return json(200, { ok: true })
  })
  const login: LoginFunction = async ({ request }) => {
    await request('/login', { method: 'POST', json: { code: 'c' } })
  }
  const storage = createMemoryStorage()
  storage.set('header-session:' + baseURL, DEAD)
  return { transport, login, storage, logins: () => logins }
}

describe('isSessionRejected', () => {
  it('defaults to the protocol codes on a 401', () => {
    expect(DEFAULT_CLIENT_OPTIONS.isSessionRejected).toBe(isProtocolRejection)
    const response = (status: number, data: unknown) =>
      ({ status, ok: false, data, headers: { get: () => null, raw: {} } }) as const
    expect(isProtocolRejection(response(401, { error: { code: 'SESSION_EXPIRED' } }))).toBe(true)
    expect(isProtocolRejection(response(401, '{"error":{"code":"SESSION_REQUIRED"}}'))).toBe(true)
    expect(isProtocolRejection(response(403, { error: { code: 'SESSION_EXPIRED' } }))).toBe(false)
    expect(isProtocolRejection(response(401, { status: 401, error: 'Unauthorized' }))).toBe(false)
  })

  it("by default keeps a token that another backend's bare 401 refuses (its own codes only)", async () => {
    const spring = springBackend()
    const client = createClient({ baseURL, headerName: 'X-Auth-Token', auth: true, ...spring })
    await expect(client.get('/api/me')).rejects.toBeInstanceOf(HttpError)
    expect(spring.logins()).toBe(0)
    expect(client.getToken()).toBe(DEAD)
  })

  it('lets a Spring-style backend (X-Auth-Token, bare 401) drop the dead token and log in again', async () => {
    const spring = springBackend()
    const client = createClient({
      baseURL,
      headerName: 'X-Auth-Token',
      auth: true,
      isSessionRejected: (response) => response.status === 401,
      ...spring,
    })
    await expect(client.get('/api/me')).resolves.toMatchObject({ data: { ok: true } })
    expect(spring.logins()).toBe(1)
    expect(client.getToken()).toBe(FRESH)
    const sent = spring.transport.requests.map((r) => readHeader(r.headers, 'X-Auth-Token'))
    expect(sent).toEqual([DEAD, null, FRESH])
  })

  it('rejects with reason SESSION_REJECTED when the answer has no protocol code', async () => {
    const spring = springBackend()
    const required: string[] = []
    const client = createClient({
      baseURL,
      headerName: 'X-Auth-Token',
      isSessionRejected: (response) => response.status === 401,
      hooks: { onLoginRequired: (event) => void required.push(event.reason) },
      ...spring,
    })
    const error = await client.get('/api/me').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SessionExpiredError)
    expect(error).toMatchObject({ code: 'SESSION_EXPIRED', reason: 'SESSION_REJECTED' })
    expect(required).toEqual(['SESSION_REJECTED'])
  })

  it('keeps the protocol code as the reason when a custom check refuses a protocol answer', async () => {
    const client = createClient({
      baseURL,
      transport: fakeTransport(() => refused('SESSION_REQUIRED')),
      isSessionRejected: (response) => response.status === 401,
    })
    await expect(client.get('/api/me')).rejects.toMatchObject({ reason: 'SESSION_REQUIRED' })
  })
})
