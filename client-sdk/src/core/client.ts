import { HeaderNotExposedError } from '../errors/header-not-exposed-error'
import { HeaderSessionError } from '../errors/header-session-error'
import { HttpError } from '../errors/http-error'
import { LoginError } from '../errors/login-error'
import { SessionExpiredError, type SessionRejection } from '../errors/session-expired-error'
import { errorCode } from './body'
import { toCallSpec, type AnyOptions, type CallSpec } from './call-spec'
import type { Client, ClientResponse } from './client-types'
import { createExchange, type Exchanged } from './exchange'
import { createLimiter } from './limiter'
import { createLoginFlight } from './login-flight'
import { resolveClientOptions, type ClientOptions } from './options'
import { or } from './or'
import { createSession } from './session'
import { isWellFormedToken } from './token'

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
  const session = createSession({
    storage: o.storage,
    storageKey: o.storageKey,
    headerName: o.headerName,
    onChange: hooks.onSessionChange,
    onStorageError: hooks.onStorageError,
  })
  const exchange = createExchange(o, session, createLimiter(o.maxConcurrent, o.maxQueue))
  const flight = createLoginFlight(runLogin, o.maxQueue)
  let bootError: unknown
  const ready = session.restore().then(undefined, (e) => (bootError = e))

  async function runLogin(): Promise<void> {
    await ready
    if (!o.login) throw new LoginError('No login option')
    // Answers to requests sent before this point can no longer change the token.
    session.bump()
    let restricted = false
    let token: string | void
    try {
      token = await o.login({
        request: (url, options) =>
          exchange(toCallSpec(o, 'request', url, options), true).then((x) => {
            restricted = restricted || x.restricted
            return x.response as ClientResponse<never>
          }),
      })
    } catch (e) {
      throw e instanceof HeaderSessionError ? e : new LoginError('Login failed', { cause: e })
    }
    if (token && !isWellFormedToken(token)) throw new LoginError('Login returned a malformed token')
    if (token) await session.set(token, 'login')
    if (!session.token) {
      throw restricted
        ? new HeaderNotExposedError(o.headerName)
        : new LoginError('Login got no token')
    }
  }

  // Joins a running login, or starts one unless another caller already got a token.
  const ensureLogin = () => (flight.active || !session.token ? flight.join() : undefined)

  const rejection = (x: Exchanged): SessionRejection | undefined => {
    const code = x.response.status === 401 && errorCode(x.response.data)
    return code === 'SESSION_EXPIRED' || code === 'SESSION_REQUIRED' ? code : undefined
  }

  async function call(spec: CallSpec): Promise<ClientResponse<never>> {
    await ready
    const error = bootError
    bootError = undefined
    if (error) throw error
    await flight.settled()
    // A call logs in at most once: before sending without a token, or after a 401.
    let mayLogin = or(spec.auth, o.auth) && !!o.login
    if (mayLogin && !session.token) {
      mayLogin = false
      await ensureLogin()
    }
    let x = await exchange(spec, false)
    let reason = rejection(x)
    if (reason && mayLogin) {
      // Clear only the token this request was refused with, not a newer one.
      if (session.generation === x.generation) await session.set(null, 'rejected')
      await ensureLogin()
      x = await exchange(spec, false)
      reason = rejection(x)
    }
    if (reason) {
      if (hooks.onLoginRequired) hooks.onLoginRequired({ reason, url: x.context.url })
      throw new SessionExpiredError(reason)
    }
    const response = x.response
    if (!response.ok && or(spec.throwHttpErrors, o.throwHttpErrors)) {
      throw new HttpError(response.status, response.data, {
        method: spec.method,
        url: x.context.url,
      })
    }
    return response as ClientResponse<never>
  }

  const run = (kind: CallSpec['kind'], url: string, options?: AnyOptions, extra?: AnyOptions) =>
    call(toCallSpec(o, kind, url, Object.assign({}, options, extra)))
  const withJson =
    (method: 'POST' | 'PUT' | 'PATCH') => (url: string, json?: unknown, options?: AnyOptions) =>
      run('request', url, options, { method, json })

  return {
    request: (url, options) => run('request', url, options),
    get: (url, options) => run('request', url, options, { method: 'GET' }),
    delete: (url, options) => run('request', url, options, { method: 'DELETE' }),
    post: withJson('POST'),
    put: withJson('PUT'),
    patch: withJson('PATCH'),
    upload: (url, options) => run('upload', url, options),
    download: (url, options) => run('download', url, options),
    login: () => flight.join(),
    async logout() {
      // Revoking is best effort: whatever the server says, or if it is unreachable, the token
      // is forgotten below.
      if (o.logoutPath !== null) {
        await run('request', o.logoutPath, { method: 'POST', throwHttpErrors: false }).catch(
          () => undefined,
        )
      }
      await session.set(null, 'logout')
    },
    get hasSession() {
      return !!session.token
    },
    getToken: () => session.token,
  }
}
