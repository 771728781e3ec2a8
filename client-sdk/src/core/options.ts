import { OptionsError } from '../errors/options-error'
import type { ClientHooks, LoginFunction } from './client-types'
import { createMemoryStorage } from './memory-storage'
import type { Storage, Transport } from './types'

/** Options of {@link createClient}. Only `baseURL` and `transport` are required. */
export interface ClientOptions {
  /** Origin and prefix of every relative URL, e.g. `https://api.example.com`. Also namespaces storage. */
  baseURL: string
  /** Sends requests: `createWxTransport()`, `createFetchTransport()`, ... */
  transport: Transport
  /** Persists the token across restarts. Default: memory only. */
  storage?: Storage
  /** Session header name. Default `X-Header-Session`. */
  headerName?: string
  /** Logs in when a call needs it. Default: none (calls fail with `SessionExpiredError`). */
  login?: LoginFunction
  /** Default of every call's `auth`. Default `false`. */
  auth?: boolean
  /** Per-attempt limit, ms. Default `60000` (WeChat's maximum). */
  timeoutMs?: number
  /** Requests, uploads and downloads at once. Default: the transport's (WeChat 10), else unlimited. */
  maxConcurrent?: number
  /** Calls that may wait for a login or a free slot. Default `100`. */
  maxQueue?: number
  /** Reject non-2xx answers with `HttpError`. Default `true`. */
  throwHttpErrors?: boolean
  /** Headers added to every request. Default none. */
  headers?: Record<string, string>
  /** Storage key. Default `header-session:<baseURL>`. */
  storageKey?: string
  /** Endpoint `logout()` POSTs to before clearing; `null` clears locally only. Default `/api/auth/logout`. */
  logoutPath?: string | null
  /** Hooks; see {@link ClientHooks}. */
  hooks?: ClientHooks
}

/** Options after defaults. */
export interface ResolvedClientOptions {
  readonly baseURL: string
  readonly transport: Transport
  readonly storage: Storage
  readonly headerName: string
  readonly login: LoginFunction | undefined
  readonly auth: boolean
  readonly timeoutMs: number
  readonly maxConcurrent: number
  readonly maxQueue: number
  readonly throwHttpErrors: boolean
  readonly headers: Readonly<Record<string, string>>
  readonly storageKey: string
  readonly logoutPath: string | null
  readonly hooks: ClientHooks
}

/** Defaults of {@link ClientOptions} that do not depend on other options. */
export const DEFAULT_CLIENT_OPTIONS = Object.freeze({
  headerName: 'X-Header-Session',
  auth: false,
  timeoutMs: 60000,
  maxQueue: 100,
  throwHttpErrors: true,
  logoutPath: '/api/auth/logout',
})

/** The type every other option must have. */
const TYPES: Record<string, string> = {
  headerName: 'string',
  storageKey: 'string',
  auth: 'boolean',
  throwHttpErrors: 'boolean',
  timeoutMs: 'number',
  maxConcurrent: 'number',
  maxQueue: 'number',
  storage: 'object',
  headers: 'object',
  hooks: 'object',
}

function check(ok: unknown, option: string, expected: string, value: unknown): void {
  if (!ok) throw new OptionsError(option, expected, value)
}

const isFunction = (value: unknown): boolean => typeof value === 'function'

/** Validates `options` (throws `OptionsError` naming the option) and fills in defaults. */
export function resolveClientOptions(options: ClientOptions): ResolvedClientOptions {
  const given = options || ({} as ClientOptions)
  const { baseURL, transport } = given
  check(typeof baseURL === 'string', 'baseURL', 'a string', baseURL)
  check(transport && isFunction(transport.send), 'transport', 'a Transport', transport)
  const base = baseURL.replace(/\/+$/, '')
  const resolved: Record<string, unknown> = Object.assign({}, DEFAULT_CLIENT_OPTIONS, {
    storage: createMemoryStorage(),
    headers: {},
    hooks: {},
    maxConcurrent: transport.maxConcurrent || Infinity,
    storageKey: 'header-session:' + base,
  })
  // `undefined` means "the default". The caller's object is copied, never kept or mutated.
  const source = given as unknown as Record<string, unknown>
  Object.keys(source).forEach((key) => source[key] !== undefined && (resolved[key] = source[key]))
  Object.keys(TYPES).forEach((key) => {
    const value = resolved[key]
    const type = TYPES[key] as string
    const ok =
      typeof value === type && value !== null && (type !== 'number' || (value as number) > 0)
    const expected =
      type === 'number' ? 'a positive number' : type === 'object' ? 'an object' : 'a ' + type
    check(ok, key, expected, value)
  })
  const o = resolved as unknown as ResolvedClientOptions
  const { get, set, remove } = o.storage
  check([get, set, remove].every(isFunction), 'storage', 'a Storage', o.storage)
  // Hyphens, never underscores: nginx drops header names with underscores.
  check(
    /^[A-Za-z0-9-]+$/.test(o.headerName),
    'headerName',
    'letters, digits and hyphens',
    o.headerName,
  )
  check(!o.login || isFunction(o.login), 'login', 'a function', o.login)
  check(
    o.logoutPath === null || typeof o.logoutPath === 'string',
    'logoutPath',
    'a string or null',
    o.logoutPath,
  )
  return Object.assign(resolved, {
    baseURL: base,
    headers: Object.assign({}, o.headers),
    hooks: Object.assign({}, o.hooks),
  }) as unknown as ResolvedClientOptions
}
