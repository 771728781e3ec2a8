import http from 'node:http'
import { randomBytes } from 'node:crypto'
import { mintCode } from '@header-session/testing'
import type { JourneyTarget } from './sdk-journey'

const HEADER = 'x-header-session'

/** An answer as a raw HTTP client sees it. */
interface RawAnswer {
  status: number
  token: string | undefined
  sessionStatus: string | undefined
  body: { error?: { code?: string } } & Record<string, unknown>
}

/** One request with JSON in and out, over node:http. */
function send(
  baseURL: string,
  method: string,
  path: string,
  token: string | null,
  json?: unknown,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const body = json === undefined ? undefined : JSON.stringify(json)
    const req = http.request(new URL(path, baseURL), { method, headers: headersOf(token, body) })
    req.once('response', (res) => collect(res).then(resolve, reject))
    req.once('error', reject)
    req.end(body)
  })
}

/**
 * A request whose headers go at once and whose body is held back until `finish` is called: the
 * server receives it while other requests on the same token run.
 */
function sendSlowly(
  baseURL: string,
  method: string,
  path: string,
  token: string,
  json: unknown,
): { finish(): Promise<RawAnswer> } {
  const body = JSON.stringify(json)
  const req = http.request(new URL(path, baseURL), { method, headers: headersOf(token, body) })
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    req.once('response', (res) => collect(res).then(resolve, reject))
    req.once('error', reject)
  })
  req.flushHeaders()
  return {
    finish() {
      req.end(body)
      return answer
    },
  }
}

function headersOf(token: string | null, body: string | undefined): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {}
  if (token) headers[HEADER] = token
  if (body !== undefined) {
    headers['content-type'] = 'application/json'
    headers['content-length'] = Buffer.byteLength(body)
  }
  return headers
}

async function collect(res: http.IncomingMessage): Promise<RawAnswer> {
  let text = ''
  for await (const chunk of res) text += String(chunk)
  const header = (name: string) => {
    const value = res.headers[name]
    return Array.isArray(value) ? value.join(', ') : value
  }
  return {
    status: res.statusCode ?? 0,
    token: header(HEADER),
    sessionStatus: header(`${HEADER}-status`),
    body: text ? (JSON.parse(text) as RawAnswer['body']) : {},
  }
}

const cartOf = async (baseURL: string, token: string) =>
  (await send(baseURL, 'GET', '/api/cart', token)).body.items as Record<string, number>

/**
 * A write whose body arrives after a login (or a logout) on the same token: the old id is gone
 * by the time the write is handled. Whatever the moment the server loads the session (before
 * or after the body), the write is never answered 2xx and then lost: it fails with 409
 * `SESSION_CONFLICT`, or it answers 2xx with the token of the session that holds it.
 */
export function describeLoginRace(target: () => JourneyTarget): void {
  /** An anonymous session with one cart line, and its token. */
  async function cartSession(baseURL: string): Promise<string> {
    const first = await send(baseURL, 'PUT', '/api/cart/items/A1', null, { qty: 1 })
    expect(first.sessionStatus).toBe('created')
    return first.token as string
  }

  /** What became of a raced write: where its line is, judged by what the answer said. */
  async function expectTruthful(baseURL: string, raced: RawAnswer, sku: string): Promise<void> {
    if (raced.status === 409) {
      expect(raced.body.error?.code).toBe('SESSION_CONFLICT')
      expect(raced.token).toBeUndefined()
      return
    }
    expect(raced.status).toBe(200)
    // A 2xx must name the session that holds the write: a new one, since the old id is gone.
    expect(raced.sessionStatus).toBe('created')
    expect(await cartOf(baseURL, raced.token as string)).toMatchObject({ [sku]: 2 })
  }

  it('never answers 2xx and loses a cart write whose body arrives after a login', async () => {
    const { baseURL, standInUrl } = target()
    const token = await cartSession(baseURL)
    const slow = sendSlowly(baseURL, 'PUT', '/api/cart/items/B2', token, { qty: 2 })
    const code = await mintCode(standInUrl, `o-e2e-race-${randomBytes(4).toString('hex')}`)
    const login = await send(baseURL, 'POST', '/api/auth/login', token, { code })
    expect(login.status).toBe(200)
    expect(login.sessionStatus).toBe('rotated')
    const raced = await slow.finish()
    await expectTruthful(baseURL, raced, 'B2')
    // The anonymous cart followed the login.
    expect(await cartOf(baseURL, login.token as string)).toMatchObject({ A1: 1 })
  })

  it('never answers 2xx and loses a cart write whose body arrives after a logout', async () => {
    const { baseURL } = target()
    const token = await cartSession(baseURL)
    const slow = sendSlowly(baseURL, 'PUT', '/api/cart/items/C3', token, { qty: 2 })
    const logout = await send(baseURL, 'POST', '/api/auth/logout', token)
    expect(logout.status).toBe(204)
    const raced = await slow.finish()
    await expectTruthful(baseURL, raced, 'C3')
    expect((await send(baseURL, 'GET', '/api/cart', token)).sessionStatus).toBe('expired')
  })
}
