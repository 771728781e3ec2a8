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

const isCount = (n: unknown): boolean =>
  typeof n === 'number' && n >= 1 && (n % 1 === 0 || n === Infinity)

function check(ok: boolean, option: string, expected: string, value: unknown): void {
  if (!ok) throw new OptionsError(option, expected, value)
}

/** Validates `options` (throws `OptionsError` naming the option) and fills in defaults. */
export function resolveClientOptions(options: ClientOptions): ResolvedClientOptions {
  const o = options || ({} as ClientOptions)
  check(typeof o.baseURL === 'string', 'baseURL', 'a string', o.baseURL)
  check(
    !!o.transport && typeof o.transport.send === 'function',
    'transport',
    'a Transport',
    o.transport,
  )
  const d = DEFAULT_CLIENT_OPTIONS
  const baseURL = o.baseURL.replace(/\/+$/, '')
  const resolved: ResolvedClientOptions = {
    baseURL,
    transport: o.transport,
    storage: o.storage ?? createMemoryStorage(),
    headerName: o.headerName ?? d.headerName,
    login: o.login,
    auth: o.auth ?? d.auth,
    timeoutMs: o.timeoutMs ?? d.timeoutMs,
    maxConcurrent: o.maxConcurrent ?? o.transport.maxConcurrent ?? Infinity,
    maxQueue: o.maxQueue ?? d.maxQueue,
    throwHttpErrors: o.throwHttpErrors ?? d.throwHttpErrors,
    headers: Object.assign({}, o.headers),
    storageKey: o.storageKey ?? 'header-session:' + baseURL,
    logoutPath: o.logoutPath === undefined ? d.logoutPath : o.logoutPath,
    hooks: Object.assign({}, o.hooks),
  }
  const r = resolved
  // Hyphens only: nginx drops header names with underscores.
  check(
    /^[A-Za-z0-9-]+$/.test(r.headerName),
    'headerName',
    'letters, digits and hyphens',
    r.headerName,
  )
  check(!r.login || typeof r.login === 'function', 'login', 'a function', r.login)
  check(
    typeof r.timeoutMs === 'number' && r.timeoutMs > 0,
    'timeoutMs',
    'a positive number',
    r.timeoutMs,
  )
  check(
    isCount(r.maxConcurrent),
    'maxConcurrent',
    'a positive integer or Infinity',
    r.maxConcurrent,
  )
  check(isCount(r.maxQueue), 'maxQueue', 'a positive integer or Infinity', r.maxQueue)
  check(
    typeof r.storageKey === 'string' && r.storageKey !== '',
    'storageKey',
    'a non-empty string',
    r.storageKey,
  )
  check(
    r.logoutPath === null || typeof r.logoutPath === 'string',
    'logoutPath',
    'a string or null',
    r.logoutPath,
  )
  const s = r.storage
  check(
    !!s &&
      typeof s.get === 'function' &&
      typeof s.set === 'function' &&
      typeof s.remove === 'function',
    'storage',
    'a Storage',
    s,
  )
  return resolved
}
