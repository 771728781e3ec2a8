import { HeaderNotExposedError } from '../errors/header-not-exposed-error'
import { HeaderSessionError } from '../errors/header-session-error'
import { HttpError } from '../errors/http-error'
import { LoginError } from '../errors/login-error'
import { ProtocolError } from '../errors/protocol-error'
import { QueueFullError } from '../errors/queue-full-error'
import { SessionConflictError } from '../errors/session-conflict-error'
import { SessionExpiredError, type SessionRejection } from '../errors/session-expired-error'
import { StorageError } from '../errors/storage-error'
import { decodeBody, errorOf } from './body'
import type { Client, ClientResponse, RequestContext } from './client-types'
import type { AnyOptions, Attempt, CallSpec } from './call-spec'
import { mergeHeaders, readHeader, toResponseHeaders, withoutHeader } from './headers'
import { DEFAULT_TIMEOUT_MS, resolveClientOptions, type ClientOptions } from './options'
import type { SessionChangeReason } from './session-change'
import { isServerStatus, isSessionGone } from './session-status'
import { rejectionReason } from './session-rejection'
import { createSlots } from './slots'
import { TOKEN } from './token'
import type { HttpMethod, PlatformRequestOptions, RawHeaders, TransportRequest } from './types'
import { buildURL, originOf } from './url'
import { assign, noop, or } from './util'

/** Methods a replay may repeat (PROTOCOL client rule 6): sending them twice does no more harm. */
const IDEMPOTENT = /^(GET|HEAD|PUT|DELETE|OPTIONS)$/

/**
 * Creates a client that carries the session token on every call, stores the one the server
 * sends back, logs in once for all waiting callers, and replays a call once after a 401 or a
 * session conflict (an idempotent call whose changes missed the session a login replaced).
 *
 * One closure holds the whole state (token, generation, login flight, slots): internal state in
 * local variables costs a minifier nothing, where object fields keep their full names.
 *
 * @throws OptionsError when an option is invalid (the message names it).
 * @example
 * ```ts
 * const client = createClient({ baseURL: 'https://api.example.com', transport: createFetchTransport() })
 * const { data } = await client.post<{ count: number }>('/api/counter')
 * ```
 */
export function createClient<PlatformOptions extends object = PlatformRequestOptions>(
  options: ClientOptions<PlatformOptions>,
): Client<PlatformOptions> {
  const config = resolveClientOptions(options)
  const {
    hooks,
    headerName,
    statusHeaderName,
    storage,
    storageKey: key,
    baseURL,
    maxQueue,
  } = config
  const slots = createSlots(config.maxConcurrent, maxQueue)

  // --- Session state: memory is the truth, storage only persists it. ---
  let token: string | null = null
  // Bumped on every token change, and when a login starts: answers to requests sent under an
  // older generation cannot change the token.
  let generation = 0
  let writes: Promise<unknown> = Promise.resolve()

  // A storage failure goes to the hook; without one it rejects whoever awaits the write.
  const fail = (operation: StorageError['operation']) => (cause: unknown) => {
    const error = new StorageError(operation, cause)
    if (!hooks.onStorageError) throw error
    hooks.onStorageError(error)
  }
  // Writes run one after another, so a slow asynchronous storage cannot reorder them; a failed
  // one does not stop the next.
  const persist = (value: string | null): Promise<void> => {
    writes = writes.catch(noop).then(() => (value ? storage.set(key, value) : storage.remove(key)))
    return writes.then(noop, fail(value ? 'write' : 'remove'))
  }

  /** Replaces the token (`null` clears), bumps the generation, persists. */
  async function setToken(value: string | null, reason: SessionChangeReason): Promise<void> {
    token = value
    const changed = ++generation
    if (hooks.onSessionChange) {
      // At most 6 characters of the token (fewer for short ones).
      const tokenPreview = value && value.slice(0, Math.min(6, value.length >> 1)) + '…'
      hooks.onSessionChange({ reason, hasToken: !!value, tokenPreview, generation: changed })
    }
    if (reason !== 'restored') await persist(value)
  }

  /**
   * Inspects a response to a request sent under `sent`, at once. Rejects with `ProtocolError`
   * for a malformed or duplicated header; resolves once storage is written, with whether the
   * server made the request a new session that the generation rule keeps the client from
   * adopting (its changes went there, not to the session the client holds: client rule 6).
   */
  async function apply(sent: number, headers: RawHeaders | undefined): Promise<boolean> {
    const value = readHeader(headers, headerName)
    const status = readHeader(headers, statusHeaderName)
    const current = token
    // Never echo the value: it may hold a token.
    if (value && !TOKEN.test(value))
      throw new ProtocolError(`Malformed ${headerName} response header`)
    // A session made for a request sent before a login or logout started is not adopted (the
    // generation rule), so the request's changes are in a session the client does not hold.
    // Unless it is the current token: an earlier look at the same answer (onHeadersReceived,
    // then the result) adopted it.
    const lost = sent !== generation && status === 'created' && !!value && value !== current
    // A new value replaces the token; an empty one means "drop yours", and so does a status
    // saying the session is gone, alone (some platforms drop empty headers).
    const changes = value ? value !== current : !!current && (value === '' || isSessionGone(status))
    if (sent === generation && changes) {
      const guessed = value ? (current ? 'rotated' : 'created') : 'destroyed'
      await setToken(value || null, isServerStatus(status) ? status : guessed)
    }
    return lost
  }

  // Reads the stored token once (boot); a corrupted value is dropped, not sent.
  let bootError: unknown
  const ready = new Promise<string | null | undefined>((resolve) => resolve(storage.get(key)))
    .then<unknown, void>(
      (stored) => stored && (TOKEN.test(stored) ? setToken(stored, 'restored') : persist(null)),
      fail('read'),
    )
    .catch((error: unknown) => (bootError = error))

  /** Sends one attempt of a call: hooks, session header, concurrency slot, timeout and abort. */
  async function exchange(spec: CallSpec, urgent: boolean): Promise<Attempt> {
    const context: RequestContext = {
      url: buildURL(baseURL, spec.url, spec.query),
      headers: mergeHeaders(config.headers, spec.headers),
      method: spec.method,
      kind: spec.kind,
    }
    if (hooks.beforeRequest) await hooks.beforeRequest(context)
    const url = context.url
    // The token goes only to the API's own origin, and only that origin may change it.
    const own = originOf(url) === originOf(baseURL)
    const headers = withoutHeader(context.headers, headerName)
    let sent = 0
    let lost = false
    // Header inspections (and the storage writes they start), the first failure kept. One that
    // comes after the call settled (a late answer) fails nobody.
    let applied: Promise<unknown> = Promise.resolve()
    const onHeaders = (raw: RawHeaders | undefined): void => {
      if (own) {
        const inspected = apply(sent, raw).then((missed) => (lost = lost || missed))
        ;(applied = Promise.all([applied, inspected])).catch(noop)
      }
    }
    const raw = await slots(
      (signal) => {
        // The generation and token of the moment the request leaves, not when it was queued.
        sent = generation
        if (own && token) headers[headerName] = token
        const request = assign({}, spec, { url, headers, signal, onHeaders })
        return config.transport.send(request as TransportRequest).then((res) => {
          // Also for a late answer, after a timeout: a token issued meanwhile is not lost.
          onHeaders(res.headers)
          return res
        })
      },
      urgent,
      or(spec.timeoutMs, DEFAULT_TIMEOUT_MS),
      spec.signal,
    )
    await applied
    const status = raw.status
    const response: ClientResponse<never> = {
      status,
      ok: status >= 200 && status < 300,
      headers: toResponseHeaders(raw.headers || {}),
      data: decodeBody(raw.body, spec.responseType) as never,
      filePath: raw.filePath,
    }
    if (hooks.afterResponse) await hooks.afterResponse(response, context)
    const conflict =
      own && (lost || (status === 409 && errorOf(response.data).code === 'SESSION_CONFLICT'))
    return {
      response,
      generation: sent,
      url,
      headersRestricted: raw.headersRestricted,
      conflict,
      sentToken: headers[headerName],
    }
  }

  // --- Calls and the login flight. ---
  // The running login (single flight; it clears itself when it ends), and how many calls wait
  // for it.
  let flight: Promise<void> | undefined
  let waiting = 0

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
      timeoutMs: or(options.timeoutMs, config.timeoutMs),
      // The call's platform options over the client's, field by field.
      platformOptions: assign({}, config.platformOptions, options.platformOptions),
    } as const)
  }

  async function runLogin(): Promise<void> {
    let restricted: boolean | undefined
    try {
      await ready
      if (!config.login) throw new LoginError('No login option')
      // Answers to requests sent before this point can no longer change the token.
      generation++
      const value = await config.login({
        request: (url, options) =>
          exchange(toSpec('request', url, options), true).then((attempt) => {
            restricted = restricted || attempt.headersRestricted
            return attempt.response
          }),
      })
      if (value) {
        if (!TOKEN.test(value)) throw new LoginError('Malformed login token')
        await setToken(value, 'login')
      }
      if (!token) {
        throw restricted
          ? new HeaderNotExposedError(headerName)
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
    if (waiting >= maxQueue) throw new QueueFullError(maxQueue)
    waiting++
    try {
      await task
    } finally {
      waiting--
    }
  }

  /** Waits for a running login (in the bounded queue), whatever its outcome. */
  const settled = () => flight && queued(flight.catch(noop))

  /** Why the attempt's answer refuses the session, if it does (`isSessionRejected`). */
  const rejection = ({ response }: Attempt): SessionRejection | undefined =>
    config.isSessionRejected(response) ? rejectionReason(response) : undefined

  async function call(spec: CallSpec) {
    await ready
    const error = bootError
    bootError = undefined
    if (error) throw error
    // A call logs in at most once: before sending without a token (joining a running login,
    // and sharing its failure), or after a 401. Other calls wait for a running login to end.
    let mayLogin = or(spec.auth, config.auth) && !!config.login
    if (mayLogin && !token) {
      mayLogin = false
      await queued(login())
    } else await settled()
    // A call is sent at most twice: one replay, after a 401 or after a conflict, never both.
    let attempt = await exchange(spec, false)
    if (mayLogin && rejection(attempt)) {
      // Clear only the token this request was refused with, not a newer one.
      if (generation === attempt.generation) await setToken(null, 'rejected')
      // Another caller may have logged in meanwhile.
      if (flight || !token) await queued(login())
      attempt = await exchange(spec, false)
    } else if (attempt.conflict) {
      // A conflict (client rule 6). The login that replaced the session may still be running:
      // the token it brings decides.
      await settled()
      // Sent again with the token it carried, or with none, it would miss again.
      const differentToken = !!token && token !== attempt.sentToken
      if (differentToken && IDEMPOTENT.test(spec.method)) attempt = await exchange(spec, false)
    }
    const { response, url, conflict } = attempt
    const request = { method: spec.method, url }
    const reason = rejection(attempt)
    if (reason) {
      if (hooks.onLoginRequired) hooks.onLoginRequired({ reason, url })
      throw new SessionExpiredError(reason)
    }
    // Never a success, whatever throwHttpErrors says: the changes did not reach the session.
    if (conflict) throw new SessionConflictError(response.status, response.data, request)
    if (!response.ok && or(spec.throwHttpErrors, config.throwHttpErrors)) {
      throw new HttpError(response.status, response.data, request)
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
    async checkSession() {
      await ready
      const check = config.checkSession
      if (!token || (check && !(await check()))) await login()
    },
    async logout() {
      // Revoking is best effort: whatever the server says, or if it is unreachable, the token
      // is forgotten below.
      if (config.logoutPath !== null) {
        await run('request', config.logoutPath, { method: 'POST', throwHttpErrors: false }).catch(
          noop,
        )
      }
      await setToken(null, 'logout')
    },
    get hasSession() {
      return !!token
    },
    getToken: () => token,
  }
}
