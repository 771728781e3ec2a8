import { OptionsError } from '../errors/options-error'
import type { ClientHooks, ClientResponse, LoginFunction } from './client-types'
import { createMemoryStorage } from './memory-storage'
import { isProtocolRejection } from './session-rejection'
import type { PlatformRequestOptions, Storage, Transport } from './types'
import { assign, or } from './util'

/**
 * Options of {@link createClient}. Only `baseURL` and `transport` are required.
 * `PlatformOptions`: the options of the transport's platform call.
 */
export interface ClientOptions<PlatformOptions extends object = PlatformRequestOptions> {
  /** Origin and prefix of every relative URL, e.g. `https://api.example.com`. Also namespaces storage. */
  baseURL: string
  /** Sends requests: `createWxTransport()`, `createFetchTransport()`, ... */
  transport: Transport<PlatformOptions>
  /** Persists the token across restarts. Default: memory only. */
  storage?: Storage
  /** Session header name. Default `X-Header-Session`. */
  headerName?: string
  /**
   * Name of the header saying why the token changed (`created`, `rotated`, `expired`, ...).
   * Default `<headerName>-Status`, as the server's default.
   */
  statusHeaderName?: string
  /** Logs in when a call needs it. Default: none (calls fail with `SessionExpiredError`). */
  login?: LoginFunction
  /** Default of every call's `auth`. Default `false`. */
  auth?: boolean
  /**
   * Is the platform login behind the session still good? Asked by `client.checkSession()`,
   * which logs in when it resolves `false`. WeChat's `wx.checkSession` says whether the
   * `session_key` of the last `wx.login` has expired or was replaced; the mini-program clients
   * use the platform's `checkSession` when it has one. Default: none (the platform login is
   * taken as good while there is a token).
   */
  checkSession?: () => Promise<boolean>
  /**
   * Does this answer refuse the session? Then a call that may log in drops the token, logs in
   * and replays once; any other call rejects with `SessionExpiredError`. Default: a 401 with
   * `error.code` `SESSION_EXPIRED` or `SESSION_REQUIRED` (protocol rule 7). A backend that
   * answers a bare 401: `(response) => response.status === 401`.
   */
  isSessionRejected?: (response: ClientResponse) => boolean
  /**
   * Per-attempt limit, ms, given to the platform as its `timeout`. Default: none is given, so the
   * platform's own default applies (WeChat: `app.json` `networkTimeout.request`); the client
   * still ends an attempt after {@link DEFAULT_TIMEOUT_MS}.
   */
  timeoutMs?: number
  /** Requests, uploads and downloads at once. Default: the transport's (WeChat 10), else unlimited. */
  maxConcurrent?: number
  /** Calls that may wait for a login or a free slot. Default `100`. */
  maxQueue?: number
  /**
   * Reject non-2xx answers with `HttpError`. Default `true`. A session conflict rejects with
   * `SessionConflictError` either way.
   */
  throwHttpErrors?: boolean
  /** Headers added to every request (a call's header of the same name replaces one). Default none. */
  headers?: Record<string, string>
  /** Storage key. Default `header-session:<baseURL>`. */
  storageKey?: string
  /** Endpoint `logout()` POSTs to before clearing; `null` clears locally only. Default `/api/auth/logout`. */
  logoutPath?: string | null
  /** Hooks; see {@link ClientHooks}. */
  hooks?: ClientHooks
  /**
   * Options of the platform's own call, on every request (`{ enableHttp2: true }` for
   * `wx.request`, ...); a call's `platformOptions` are laid over them. Default none.
   */
  platformOptions?: PlatformOptions
}

/** Options after defaults. */
export interface ResolvedClientOptions {
  readonly baseURL: string
  readonly transport: Transport
  readonly storage: Storage
  readonly headerName: string
  readonly statusHeaderName: string
  readonly login: LoginFunction | undefined
  readonly auth: boolean
  readonly checkSession: (() => Promise<boolean>) | undefined
  readonly isSessionRejected: (response: ClientResponse) => boolean
  readonly timeoutMs: number | undefined
  readonly maxConcurrent: number
  readonly maxQueue: number
  readonly throwHttpErrors: boolean
  readonly headers: Readonly<Record<string, string>>
  readonly storageKey: string
  readonly logoutPath: string | null
  readonly hooks: ClientHooks
  readonly platformOptions: PlatformRequestOptions
}

/** Defaults of {@link ClientOptions} that do not depend on other options. */
export const DEFAULT_CLIENT_OPTIONS = Object.freeze({
  headerName: 'X-Header-Session',
  auth: false,
  isSessionRejected: isProtocolRejection,
  maxQueue: 100,
  throwHttpErrors: true,
  logoutPath: '/api/auth/logout',
})

/**
 * How long the client lets an attempt run when no `timeoutMs` is set: 60 s, WeChat's default
 * (`RequestOption.timeout`, "默认值为 60000", miniprogram-api-typings 5.2.3).
 */
export const DEFAULT_TIMEOUT_MS = 60000

/** An option's check, and what it must be (for the message). */
type Check = readonly [expected: string, test: (value: never) => unknown]

const isFunction = (value: unknown): boolean => typeof value === 'function'
const STRING: Check = ['a string', (value) => typeof value === 'string']
const BOOLEAN: Check = ['a boolean', (value) => typeof value === 'boolean']
const POSITIVE: Check = [
  'a positive number',
  (value: number) => typeof value === 'number' && value > 0,
]
const OBJECT: Check = ['an object', (value) => !!value && typeof value === 'object']

// Hyphens, never underscores: nginx drops header names with underscores.
const HEADER_NAME: Check = [
  'letters, digits and hyphens',
  (name) => typeof name === 'string' && /^[A-Za-z0-9-]+$/.test(name),
]

/** The checks, in the order they run. */
const CHECKS: Record<string, Check> = {
  baseURL: STRING,
  transport: ['a Transport', (t: Transport) => t && isFunction(t.send)],
  storage: ['a Storage', (s: Storage) => s && [s.get, s.set, s.remove].every(isFunction)],
  headerName: HEADER_NAME,
  statusHeaderName: HEADER_NAME,
  login: ['a function', (login) => !login || isFunction(login)],
  checkSession: ['a function', (check) => !check || isFunction(check)],
  isSessionRejected: ['a function', isFunction],
  auth: BOOLEAN,
  throwHttpErrors: BOOLEAN,
  timeoutMs: ['a positive number', (ms) => ms === undefined || POSITIVE[1](ms)],
  maxConcurrent: POSITIVE,
  maxQueue: POSITIVE,
  headers: OBJECT,
  hooks: OBJECT,
  platformOptions: OBJECT,
  storageKey: STRING,
  logoutPath: ['a string or null', (path) => path === null || typeof path === 'string'],
}

/** Validates `options` (throws `OptionsError` naming the option) and fills in defaults. */
export function resolveClientOptions<PlatformOptions extends object>(
  options: ClientOptions<PlatformOptions>,
): ResolvedClientOptions {
  const given = (options || {}) as Partial<ClientOptions>
  const transport = given.transport
  // Checked below; a bad one throws before these defaults are used.
  const base = String(given.baseURL).replace(/\/+$/, '')
  const resolved: Record<string, unknown> = assign({}, DEFAULT_CLIENT_OPTIONS, {
    storage: createMemoryStorage(),
    headers: {},
    hooks: {},
    platformOptions: {},
    maxConcurrent: (transport && transport.maxConcurrent) || Infinity,
    storageKey: 'header-session:' + base,
  })
  // `undefined` means "the default". The caller's object is copied, never kept or mutated.
  for (const key in given) {
    const value = given[key as keyof ClientOptions]
    if (value !== undefined) resolved[key] = value
  }
  resolved.statusHeaderName = or(given.statusHeaderName, resolved.headerName + '-Status')
  for (const key in CHECKS) {
    const [expected, test] = CHECKS[key] as Check
    if (!test(resolved[key] as never)) throw new OptionsError(key, expected, resolved[key])
  }
  return assign(resolved, {
    baseURL: base,
    headers: assign({}, resolved.headers),
    hooks: assign({}, resolved.hooks),
  }) as unknown as ResolvedClientOptions
}
