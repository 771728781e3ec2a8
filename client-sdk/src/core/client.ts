import { HeaderNotExposedError } from '../errors/header-not-exposed-error'
import { HeaderSessionError } from '../errors/header-session-error'
import { HttpError } from '../errors/http-error'
import { LoginError } from '../errors/login-error'
import { QueueFullError } from '../errors/queue-full-error'
import { SessionExpiredError, type SessionRejection } from '../errors/session-expired-error'
import { errorOf } from './body'
import type { Client } from './client-types'
import { createExchange, type AnyOptions, type CallSpec, type Exchanged } from './exchange'
import { readHeader } from './headers'
import { resolveClientOptions, type ClientOptions } from './options'
import { createSession } from './session'
import { isWellFormedToken } from './token'
import type { HttpMethod } from './types'
import { assign, noop, or } from './util'

/**
 * Creates a client that carries the session token on every call, stores the one the server
 * sends back, logs in once for all waiting callers, and replays once after a 401.
 *
 * @throws OptionsError when an option is invalid (the message names it).
 * @example
 * ```ts
 * const client = createClient({ baseURL: 'https://api.example.com', transport: createFetchTransport() })
 * const { data } = await client.post<{ count: number }>('/api/counter')
 * ```
 */
export function createClient(options: ClientOptions): Client {
  const o = resolveClientOptions(options)
  const hooks = o.hooks
  const session = createSession(o)
  const exchange = createExchange(o, session)
  // The running login (single flight; it clears itself when it ends), and how many calls wait
  // for it.
  let flight: Promise<void> | undefined
  let waiting = 0
  let bootError: unknown
  const ready = session.restore().catch((e) => (bootError = e))

  /** Normalises one call's options (later ones win): method, JSON body, response type, timeout. */
  function toSpec(
    kind: CallSpec['kind'],
    url: string,
    ...given: Array<AnyOptions | undefined>
  ): CallSpec {
    const options: AnyOptions = assign({}, ...given)
    const headers = assign({}, options.headers)
    let body = options.body
    if (options.json !== undefined) {
      body = JSON.stringify(options.json)
      if (readHeader(headers, 'content-type') === null) headers['Content-Type'] = 'application/json'
    }
    return assign(options, {
      kind,
      url,
      headers,
      body,
      method: (options.method || 'GET').toUpperCase() as HttpMethod,
      responseType: kind === 'download' ? 'arraybuffer' : options.responseType || 'json',
      timeoutMs: or(options.timeoutMs, o.timeoutMs),
    } as const)
  }

  async function runLogin(): Promise<void> {
    let restricted: boolean | undefined
    try {
      await ready
      if (!o.login) throw new LoginError('No login option')
      // Answers to requests sent before this point can no longer change the token.
      session.generation++
      const token = await o.login({
        request: (url, options) =>
          exchange(toSpec('request', url, options), true).then((x) => {
            restricted = restricted || x[3]
            return x[0]
          }),
      })
      if (token) {
        if (!isWellFormedToken(token)) throw new LoginError('Malformed login token')
        await session.set(token, 'login')
      }
      if (!session.token) {
        throw restricted
          ? new HeaderNotExposedError(o.headerName)
          : new LoginError('Login got no token')
      }
    } catch (e) {
      throw e instanceof HeaderSessionError ? e : new LoginError('Login failed', { cause: e })
    } finally {
      flight = undefined
    }
  }

  /** Joins the running login, or starts one. */
  const login = (): Promise<void> => flight || (flight = runLogin())

  /** Awaits `task` (a login) in the bounded queue of the calls waiting for a login. */
  async function queued(task: Promise<void>): Promise<void> {
    if (waiting >= o.maxQueue) throw new QueueFullError(o.maxQueue)
    waiting++
    try {
      await task
    } finally {
      waiting--
    }
  }

  const rejection = ([response]: Exchanged): SessionRejection | undefined => {
    const code = response.status === 401 && errorOf(response.data).code
    return code === 'SESSION_EXPIRED' || code === 'SESSION_REQUIRED' ? code : undefined
  }

  async function call(spec: CallSpec) {
    await ready
    const error = bootError
    bootError = undefined
    if (error) throw error
    // A call logs in at most once: before sending without a token (joining a running login,
    // and sharing its failure), or after a 401. Other calls wait for a running login to end.
    let mayLogin = or(spec.auth, o.auth) && !!o.login
    if (mayLogin && !session.token) {
      mayLogin = false
      await queued(login())
    } else if (flight) await queued(flight.catch(noop))
    let x = await exchange(spec, false)
    if (mayLogin && rejection(x)) {
      // Clear only the token this request was refused with, not a newer one.
      if (session.generation === x[1]) await session.set(null, 'rejected')
      // Another caller may have logged in meanwhile.
      if (flight || !session.token) await queued(login())
      x = await exchange(spec, false)
    }
    const [response, , url] = x
    const reason = rejection(x)
    if (reason) {
      if (hooks.onLoginRequired) hooks.onLoginRequired({ reason, url })
      throw new SessionExpiredError(reason)
    }
    if (!response.ok && or(spec.throwHttpErrors, o.throwHttpErrors)) {
      throw new HttpError(response.status, response.data, { method: spec.method, url })
    }
    return response
  }

  const run = (kind: CallSpec['kind'], url: string, options?: AnyOptions, extra?: AnyOptions) =>
    call(toSpec(kind, url, options, extra))
  const withJson = (method: HttpMethod) => (url: string, json?: unknown, options?: AnyOptions) =>
    run('request', url, options, { method, json })

  return {
    request: (url, options) => run('request', url, options),
    get: (url, options) => run('request', url, options, { method: 'GET' }),
    delete: (url, options) => run('request', url, options, { method: 'DELETE' }),
    post: withJson('POST'),
    put: withJson('PUT'),
    patch: withJson('PATCH'),
    upload: (url, options) => run('upload', url, options, { method: 'POST' }),
    download: (url, options) => run('download', url, options, { method: 'GET' }),
    login,
    async logout() {
      // Revoking is best effort: whatever the server says, or if it is unreachable, the token
      // is forgotten below.
      if (o.logoutPath !== null) {
        await run('request', o.logoutPath, { method: 'POST', throwHttpErrors: false }).catch(noop)
      }
      await session.set(null, 'logout')
    },
    get hasSession() {
      return !!session.token
    },
    getToken: () => session.token,
  }
}
