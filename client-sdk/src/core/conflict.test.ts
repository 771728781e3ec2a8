import { createClient } from './client'
import type { Client } from './client-types'
import { createCodeLogin } from './code-login'
import { createMemoryStorage } from './memory-storage'
import type { ClientOptions } from './options'
import type { HttpMethod, TransportRequest } from './types'
import { HttpError } from '../errors/http-error'
import { SessionConflictError } from '../errors/session-conflict-error'
import { SessionExpiredError } from '../errors/session-expired-error'
import {
  deferred,
  fakeTransport,
  flush,
  json,
  refused,
  sentToken,
  token,
  type FakeAnswer,
} from '../../test/support/fake-transport'
import { isLogin } from '../../test/support/login-server'

const baseURL = 'https://api.example.com'
const URL_X = baseURL + '/api/x'
const T0 = token('t0')
const T1 = token('t1')
const T2 = token('t2')

/** The server's answer to a commit that found its session destroyed or replaced (rule 5). */
const CONFLICT = json(409, { error: { code: 'SESSION_CONFLICT', message: 'changed' } })
/** The server made the request a new session (its token was gone by the time it arrived). */
const CREATED = json(
  200,
  { ok: true },
  { 'X-Header-Session': T2, 'X-Header-Session-Status': 'created' },
)
const OK = json(200, { ok: true })

interface RaceOptions {
  readonly method?: HttpMethod
  /** The first answer to `/api/x`, given once `meanwhile` has run. */
  readonly first: FakeAnswer
  /** What happens while the first request is in flight. Default: a login (T0 → T1). */
  readonly meanwhile?: (client: Client) => Promise<unknown>
  /** The answers to `/api/x` after the first. Default: 200. */
  readonly later?: FakeAnswer
  /** The login endpoint's answer. Default: a rotation to T1. */
  readonly login?: FakeAnswer
  readonly client?: Partial<ClientOptions>
  readonly call?: { auth?: boolean; throwHttpErrors?: boolean }
}

/**
 * A client holding T0 calls `/api/x`; the request is held on the way while `meanwhile` runs,
 * then answered `first`. Resolves with the call's outcome (its response or its error), the
 * tokens the requests to `/api/x` carried, and the number of logins.
 */
async function race(options: RaceOptions) {
  const arrived = deferred()
  const held = deferred()
  let logins = 0
  let calls = 0
  const transport = fakeTransport(async (r) => {
    if (isLogin(r)) {
      logins++
      return options.login ?? json(200, {}, { 'X-Header-Session': T1 })
    }
    if (r.url !== URL_X) return json(204, undefined)
    if (calls++ > 0) return options.later ?? OK
    arrived.resolve()
    await held.promise
    return options.first
  })
  const storage = createMemoryStorage()
  storage.set('header-session:' + baseURL, T0)
  const client = createClient({
    baseURL,
    transport,
    storage,
    login: createCodeLogin({ getCode: async () => 'code' }),
    ...options.client,
  })
  const method = options.method ?? 'PUT'
  const call = client.request('/api/x', { method, ...options.call }).catch((e: unknown) => e)
  await arrived.promise
  await (options.meanwhile ?? ((c) => c.login()))(client)
  held.resolve()
  const outcome = await call
  const sent = transport.requests.filter((r) => r.url === URL_X).map(sentToken)
  return { outcome, sent, client, logins }
}

const nothing = async (): Promise<void> => undefined

describe('session conflicts (client rule 6)', () => {
  it.each(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'] as const)(
    'replays a %s refused with 409 SESSION_CONFLICT once, with the token a login brought meanwhile',
    async (method) => {
      const { outcome, sent, client } = await race({ method, first: CONFLICT })
      expect(outcome).toMatchObject({ status: 200, data: { ok: true } })
      expect(sent).toEqual([T0, T1])
      expect(client.getToken()).toBe(T1)
    },
  )

  it.each(['POST', 'PATCH'] as const)(
    'rejects a %s with SessionConflictError, without replaying it',
    async (method) => {
      const { outcome, sent } = await race({ method, first: CONFLICT })
      expect(outcome).toBeInstanceOf(SessionConflictError)
      expect(outcome).toMatchObject({
        name: 'SessionConflictError',
        code: 'SESSION_CONFLICT',
        status: 409,
        data: { error: { code: 'SESSION_CONFLICT' } },
        request: { method, url: URL_X },
      })
      expect(sent).toEqual([T0])
    },
  )

  it.each([
    ['409 SESSION_CONFLICT', CONFLICT],
    ['a created session it cannot adopt', CREATED],
  ])('rejects on %s even with throwHttpErrors: false', async (_what, first) => {
    const { outcome } = await race({
      method: 'POST',
      first,
      call: { throwHttpErrors: false },
    })
    expect(outcome).toBeInstanceOf(SessionConflictError)
  })

  it('sees a write that went into a new session made for it under an older generation', async () => {
    const put = await race({ first: CREATED })
    expect(put.outcome).toMatchObject({ status: 200 })
    expect(put.sent).toEqual([T0, T1])
    expect(put.client.getToken()).toBe(T1) // T2 is never adopted: rule 3 still holds

    const post = await race({ method: 'POST', first: CREATED })
    expect(post.outcome).toMatchObject({ name: 'SessionConflictError', status: 200 })
    expect(post.sent).toEqual([T0])
    expect(post.client.getToken()).toBe(T1)
  })

  it('adopts a created session as before when no login or logout came between', async () => {
    const { outcome, sent, client } = await race({ first: CREATED, meanwhile: nothing })
    expect(outcome).toMatchObject({ status: 200 })
    expect(sent).toEqual([T0])
    expect(client.getToken()).toBe(T2)
  })

  it.each([
    ['PUT', 'POST', 'is replayed with the session of the first'],
    ['POST', 'PUT', 'is rejected'],
  ] as const)(
    'two first writes in parallel, no session yet: the %s answered after the %s %s',
    async (second, first, _outcome) => {
      // Both go without a token and each gets a session of its own; the client keeps the one
      // it hears of first, so the other write is in a session it does not hold.
      const firstDone = deferred()
      const transport = fakeTransport(async (r) => {
        const method = r.kind === 'request' && r.method
        if (sentToken(r)) return OK
        if (method === second) await firstDone.promise
        const created = token(`new-${method}`)
        return json(200, {}, { 'X-Header-Session': created, 'X-Header-Session-Status': 'created' })
      })
      const client = createClient({ baseURL, transport })
      const call = (method: HttpMethod) =>
        client.request('/api/x', { method, json: {} }).catch((e: unknown) => e)
      const later = call(second)
      await expect(call(first)).resolves.toMatchObject({ status: 200 })
      firstDone.resolve()
      const outcome = await later
      expect(client.getToken()).toBe(token(`new-${first}`))
      if (second === 'PUT') {
        expect(outcome).toMatchObject({ status: 200 })
        expect(transport.requests.map(sentToken)).toEqual([
          undefined,
          undefined,
          token(`new-${first}`),
        ])
      } else {
        expect(outcome).toBeInstanceOf(SessionConflictError)
        expect(transport.requests).toHaveLength(2)
      }
    },
  )

  it('rejects when a logout left the client without a token', async () => {
    for (const first of [CONFLICT, CREATED]) {
      const { outcome, sent, client } = await race({ first, meanwhile: (c) => c.logout() })
      expect(outcome).toBeInstanceOf(SessionConflictError)
      expect(sent).toEqual([T0])
      expect(client.hasSession).toBe(false)
    }
  })

  it('rejects when the client still holds the token the request was sent with', async () => {
    // The session was revoked elsewhere: sent again with T0, the write would miss it again.
    const revoked = await race({ first: CONFLICT, meanwhile: nothing })
    expect(revoked.outcome).toBeInstanceOf(SessionConflictError)
    expect(revoked.sent).toEqual([T0])
    // A login started (a newer generation) but brought no token: T0 is still held.
    const failedLogin = await race({
      first: CREATED,
      login: json(500, {}),
      meanwhile: (c) => c.login().catch(() => undefined),
    })
    expect(failedLogin.outcome).toBeInstanceOf(SessionConflictError)
    expect(failedLogin.sent).toEqual([T0])
    expect(failedLogin.client.getToken()).toBe(T0)
  })

  it('replays at most once: a conflict on the replay is final', async () => {
    const { outcome, sent } = await race({ first: CONFLICT, later: CONFLICT })
    expect(outcome).toBeInstanceOf(SessionConflictError)
    expect(sent).toEqual([T0, T1])
  })

  it('a conflict on the replay after a 401 is final', async () => {
    const { outcome, sent, logins } = await race({
      first: refused('SESSION_EXPIRED'),
      meanwhile: nothing,
      later: CONFLICT,
      call: { auth: true },
    })
    expect(outcome).toBeInstanceOf(SessionConflictError)
    expect(sent).toEqual([T0, T1])
    expect(logins).toBe(1)
  })

  it('a 401 on the replay after a conflict is final, with no second login', async () => {
    const { outcome, sent, logins } = await race({
      first: CONFLICT,
      later: refused('SESSION_EXPIRED'),
      call: { auth: true },
    })
    expect(outcome).toBeInstanceOf(SessionExpiredError)
    expect(sent).toEqual([T0, T1])
    expect(logins).toBe(1)
  })

  it('waits for a login still running before it decides', async () => {
    // The conflict is answered before the login that caused it: the login's token decides.
    const putHeld = deferred()
    const loginHeld = deferred()
    let calls = 0
    const transport = fakeTransport(async (r) => {
      if (isLogin(r)) {
        await loginHeld.promise
        return json(200, {}, { 'X-Header-Session': T1 })
      }
      if (calls++ > 0) return OK
      await putHeld.promise
      return CONFLICT
    })
    const storage = createMemoryStorage()
    storage.set('header-session:' + baseURL, T0)
    const login = createCodeLogin({ getCode: async () => 'code' })
    const client = createClient({ baseURL, transport, storage, login })
    const put = client.put('/api/x', {})
    await flush()
    const loggingIn = client.login()
    await flush()
    putHeld.resolve()
    await flush()
    expect(client.getToken()).toBe(T0) // the login has not answered yet
    loginHeld.resolve()
    await loggingIn
    await expect(put).resolves.toMatchObject({ status: 200 })
    expect(transport.requests.filter((r) => r.url === URL_X).map(sentToken)).toEqual([T0, T1])
  })

  it('leaves a 409 with another code, or from another origin, to HttpError', async () => {
    const other = await race({ first: json(409, { error: { code: 'DUPLICATE' } }) })
    expect(other.outcome).toBeInstanceOf(HttpError)
    expect(other.outcome).not.toBeInstanceOf(SessionConflictError)
    expect(other.sent).toEqual([T0])

    const transport = fakeTransport(() => CONFLICT)
    const client = createClient({ baseURL, transport })
    await expect(client.put('https://elsewhere.example.com/x', {})).rejects.toMatchObject({
      name: 'HttpError',
      status: 409,
    })
    expect(transport.requests).toHaveLength(1)
  })
})

describe('session conflicts on uploads and downloads', () => {
  /** Answers like mini-program tasks: headers only through `onHeaders`, none in the result. */
  const miniAnswer = (r: TransportRequest, answer: FakeAnswer): FakeAnswer => {
    r.onHeaders(answer.headers ?? {})
    return { status: answer.status, body: answer.body, headers: {} }
  }

  it.each([
    ['409 SESSION_CONFLICT', CONFLICT],
    ['a created session it cannot adopt', CREATED],
  ])('replays a download and rejects an upload on %s', async (_what, first) => {
    const storage = createMemoryStorage()
    storage.set('header-session:' + baseURL, T0)
    const held = deferred()
    const arrived = deferred()
    const seen = new Set<string>()
    const transport = fakeTransport(async (r) => {
      if (isLogin(r)) return json(200, {}, { 'X-Header-Session': T1 })
      if (seen.has(r.kind)) return miniAnswer(r, OK)
      seen.add(r.kind)
      if (seen.size === 2) arrived.resolve()
      await held.promise
      return miniAnswer(r, first)
    })
    const client = createClient({
      baseURL,
      transport,
      storage,
      login: createCodeLogin({ getCode: async () => 'code' }),
    })
    const download = client.download('/api/file', { filePath: 'wxfile://f' })
    const upload = client
      .upload('/api/avatar', { name: 'file', filePath: 'wxfile://a' })
      .catch((e: unknown) => e)
    await arrived.promise
    await client.login()
    held.resolve()
    await expect(download).resolves.toMatchObject({ status: 200 })
    expect(await upload).toMatchObject({
      name: 'SessionConflictError',
      request: { method: 'POST', url: baseURL + '/api/avatar' },
    })
    const tokens = (kind: string) =>
      transport.requests.filter((r) => r.kind === kind && !isLogin(r)).map(sentToken)
    expect(tokens('download')).toEqual([T0, T1])
    expect(tokens('upload')).toEqual([T0])
    expect(client.getToken()).toBe(T1)
  })
})
