import { parseTrustedProxies } from './http/client-address'
import { DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts } from './http/http-server'
import { DEFAULT_LIMITS_OPTIONS } from './limits/limit-options'
import { DEFAULT_SESSION_MIDDLEWARE_OPTIONS } from '@header-session/koa'
import type { RedisDurability } from '@header-session/koa/redis'
import { DEFAULT_WECHAT_API_BASE } from './wechat/code2session'

/** The server's configuration, read from the environment once at start. */
export interface AppConfig {
  port: number
  host: string | undefined
  sessionStore: 'sql' | 'redis'
  databaseUrl: string
  redis:
    | { mode: 'standalone'; url: string }
    | { mode: 'cluster'; nodes: { host: string; port: number }[] }
    | { mode: 'sentinel'; sentinels: { host: string; port: number }[]; name: string }
  /** `REDIS_DURABILITY`: what a write the Redis store acknowledges promises (`RedisDurability`). */
  redisDurability: RedisDurability
  headerName: string
  secrets: string[]
  /** `SESSION_ENCRYPTION_KEYS`: keys sealing server-only session values (WeChat's session_key). */
  encryptionKeys: string[]
  idleTimeoutMs: number
  absoluteTimeoutMs: number
  storeTimeoutMs: number
  pruneIntervalMs: number
  /** Timeouts of the HTTP server (`HTTP_*_MS`, see `DEFAULT_HTTP_TIMEOUTS`). */
  http: HttpTimeouts
  /** Allowed origins; empty means any origin (no credentials are ever allowed). */
  corsOrigins: string[]
  /** `TRUST_PROXY`: the proxies whose `X-Forwarded-For` names the client (empty: none). */
  trustProxy: string[]
  /** The rate limits, per minute, and the cap of sessions per user; 0 turns one off. */
  limits: LimitsConfig
  /** `NODE_ENV` is `production` (any case): the WeChat stand-in is refused even when asked for. */
  production: boolean
  logLevel: LogLevel
  /**
   * The real WeChat (`WECHAT_APPID` set), or the dev stand-in mounted at `/__dev/wechat`
   * (`apiBase` null: the server calls its own stand-in).
   */
  wechat:
    | { mode: 'wechat'; appId: string; secret: string; apiBase: string }
    | { mode: 'stand-in'; apiBase: string | null }
}

/** The limits' variables (`LIMIT_*_PER_MINUTE`, `MAX_SESSIONS_PER_USER`). */
export interface LimitsConfig {
  /** Anonymous sessions stored per client address a minute. */
  sessionsPerMinute: number
  /** Logins per client address a minute. */
  loginsPerMinute: number
  /** Logins per WeChat user (openid) a minute. */
  loginsPerOpenidPerMinute: number
  /** Live sessions per user; past it a login revokes the least recently used. */
  maxSessionsPerUser: number
}

/** pino's levels, as `LOG_LEVEL` accepts them. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
]

/** A variable of the environment is wrong; the message names it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`)
  }
}

/** The sqlite file `npm start` uses when `DATABASE_URL` is not set. */
export const DEFAULT_DATABASE_URL = 'sqlite:data/sessions.sqlite'

type Env = Record<string, string | undefined>

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new ConfigError(
      name,
      `expected an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`,
    )
  }
  return value
}

function limitsConfig(env: Env): LimitsConfig {
  const d = DEFAULT_LIMITS_OPTIONS
  const MAX = 1_000_000
  return {
    sessionsPerMinute: integer(
      env,
      'LIMIT_SESSIONS_PER_MINUTE',
      d.sessionsPerAddress.points,
      0,
      MAX,
    ),
    loginsPerMinute: integer(env, 'LIMIT_LOGINS_PER_MINUTE', d.loginsPerAddress.points, 0, MAX),
    loginsPerOpenidPerMinute: integer(
      env,
      'LIMIT_LOGINS_PER_OPENID_PER_MINUTE',
      d.loginsPerOpenid.points,
      0,
      MAX,
    ),
    maxSessionsPerUser: integer(env, 'MAX_SESSIONS_PER_USER', d.maxSessionsPerUser, 0, 10_000),
  }
}

function list(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

function hostPorts(env: Env, name: string): { host: string; port: number }[] {
  const items = list(env, name).map((item) => {
    const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(item)
    if (!match || Number(match[2]) > 65535) {
      throw new ConfigError(
        name,
        `expected host:port items separated by commas, got ${JSON.stringify(item)}`,
      )
    }
    return { host: match[1] as string, port: Number(match[2]) }
  })
  if (items.length === 0) throw new ConfigError(name, 'expected at least one host:port')
  return items
}

function redisDurability(env: Env): RedisDurability {
  const raw = env.REDIS_DURABILITY || 'async'
  if (raw !== 'async' && raw !== 'replicated') {
    throw new ConfigError(
      'REDIS_DURABILITY',
      `expected async or replicated, got ${JSON.stringify(raw)}`,
    )
  }
  return raw
}

/** The HTTP server's timeouts; the headers' may not exceed the whole request's (Node refuses). */
function httpTimeouts(env: Env): HttpTimeouts {
  const d = DEFAULT_HTTP_TIMEOUTS
  const HOUR = 3_600_000
  const timeouts = {
    headersTimeoutMs: integer(env, 'HTTP_HEADERS_TIMEOUT_MS', d.headersTimeoutMs, 100, HOUR),
    requestTimeoutMs: integer(env, 'HTTP_REQUEST_TIMEOUT_MS', d.requestTimeoutMs, 100, HOUR),
    keepAliveTimeoutMs: integer(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', d.keepAliveTimeoutMs, 100, HOUR),
    connectionsCheckingIntervalMs: integer(
      env,
      'HTTP_CONNECTIONS_CHECKING_INTERVAL_MS',
      d.connectionsCheckingIntervalMs,
      10,
      60_000,
    ),
  }
  if (timeouts.headersTimeoutMs > timeouts.requestTimeoutMs) {
    throw new ConfigError(
      'HTTP_HEADERS_TIMEOUT_MS',
      `expected at most HTTP_REQUEST_TIMEOUT_MS (${timeouts.requestTimeoutMs}), got ${timeouts.headersTimeoutMs}`,
    )
  }
  return timeouts
}

const DATABASE = /^(sqlite:|file:|postgres:\/\/|postgresql:\/\/|mysql:\/\/|mariadb:\/\/)/

function redisConfig(env: Env): AppConfig['redis'] {
  if (env.REDIS_CLUSTER_NODES)
    return { mode: 'cluster', nodes: hostPorts(env, 'REDIS_CLUSTER_NODES') }
  if (env.REDIS_SENTINELS) {
    const name = env.REDIS_SENTINEL_NAME
    if (!name) throw new ConfigError('REDIS_SENTINEL_NAME', 'required with REDIS_SENTINELS')
    return { mode: 'sentinel', sentinels: hostPorts(env, 'REDIS_SENTINELS'), name }
  }
  const url = env.REDIS_URL ?? 'redis://127.0.0.1:6379'
  if (!/^rediss?:\/\//.test(url))
    throw new ConfigError('REDIS_URL', `expected redis:// or rediss://, got ${JSON.stringify(url)}`)
  return { mode: 'standalone', url }
}

/** `NODE_ENV` values in which the dev WeChat stand-in may be used without being asked for. */
const STAND_IN_NODE_ENVS: readonly string[] = ['development', 'test']

/**
 * Whether the dev WeChat stand-in may play WeChat. It logs anyone in as any openid, so it is
 * never the default: `NODE_ENV` must be exactly `development` or `test` (the values other
 * tools set; `Development` or `dev` are refused rather than guessed), or `WECHAT_STAND_IN=1`
 * must ask for it (a demo deployment), and never with `NODE_ENV=production` in any case.
 */
function standInAllowed(env: Env, production: boolean): boolean {
  const raw = env.WECHAT_STAND_IN ?? ''
  if (raw !== '' && raw !== '0' && raw !== '1') {
    throw new ConfigError('WECHAT_STAND_IN', `expected 1 or 0, got ${JSON.stringify(raw)}`)
  }
  if (raw === '1') {
    if (production) {
      throw new ConfigError(
        'WECHAT_STAND_IN',
        'the dev WeChat stand-in is never used with NODE_ENV=production: set WECHAT_APPID and WECHAT_SECRET',
      )
    }
    return true
  }
  return STAND_IN_NODE_ENVS.includes(env.NODE_ENV ?? '')
}

function wechatConfig(env: Env, production: boolean): AppConfig['wechat'] {
  const appId = env.WECHAT_APPID || undefined
  const secret = env.WECHAT_SECRET || undefined
  let apiBase: string | null = null
  if (env.WECHAT_API_BASE) {
    if (!/^https?:\/\/[^\s?#]+$/.test(env.WECHAT_API_BASE)) {
      throw new ConfigError(
        'WECHAT_API_BASE',
        'expected an http:// or https:// URL without a query',
      )
    }
    apiBase = env.WECHAT_API_BASE.replace(/\/+$/, '')
  }
  const standIn = standInAllowed(env, production)
  if (appId === undefined) {
    if (secret !== undefined) throw new ConfigError('WECHAT_APPID', 'required with WECHAT_SECRET')
    if (!standIn) {
      const nodeEnv = env.NODE_ENV === undefined ? 'not set' : JSON.stringify(env.NODE_ENV)
      throw new ConfigError(
        'WECHAT_APPID',
        `required (with WECHAT_SECRET) unless NODE_ENV is development or test (it is ${nodeEnv}) ` +
          'or WECHAT_STAND_IN=1 asks for the dev WeChat stand-in, which logs anyone in as any openid',
      )
    }
    return { mode: 'stand-in', apiBase }
  }
  if (env.WECHAT_STAND_IN === '1') {
    throw new ConfigError('WECHAT_STAND_IN', 'set WECHAT_STAND_IN=1 or WECHAT_APPID, not both')
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(appId)) {
    throw new ConfigError('WECHAT_APPID', `expected an appid like wx0123456789abcdef`)
  }
  if (secret === undefined) throw new ConfigError('WECHAT_SECRET', 'required with WECHAT_APPID')
  return { mode: 'wechat', appId, secret, apiBase: apiBase ?? DEFAULT_WECHAT_API_BASE }
}

/**
 * `DATABASE_URL`, checked, or the default sqlite file: all that `npm run migrate` needs (it
 * runs without WeChat or session settings).
 *
 * @throws ConfigError when it is no sqlite, PostgreSQL or MySQL URL.
 */
export function loadDatabaseUrl(env: Env = process.env): string {
  const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL
  if (!DATABASE.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'expected sqlite:<file>, postgres://… or mysql://…')
  }
  return databaseUrl
}

/**
 * Read and check the configuration. Throws `ConfigError` naming the first bad variable.
 * Defaults: port 3000, SQL store on `data/sessions.sqlite`, 7-day idle and 30-day absolute
 * timeouts, 1 s store timeout, pruning every 10 minutes, HTTP timeouts of 10 s for headers,
 * 30 s for a request and 5 s of keep-alive (checked every second), any CORS origin, no
 * trusted proxy, the limits of `DEFAULT_LIMITS_OPTIONS` (600 anonymous sessions and 600 logins a minute per
 * address, 10 logins a minute per openid, 20 sessions per user), `info` logs. WeChat:
 * `WECHAT_APPID` and `WECHAT_SECRET`, or the dev stand-in with `NODE_ENV` development or test
 * or `WECHAT_STAND_IN=1` (never with `NODE_ENV=production`); neither refuses to start.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const sessionStore = env.SESSION_STORE ?? 'sql'
  if (sessionStore !== 'sql' && sessionStore !== 'redis') {
    throw new ConfigError(
      'SESSION_STORE',
      `expected "sql" or "redis", got ${JSON.stringify(sessionStore)}`,
    )
  }
  const databaseUrl = loadDatabaseUrl(env)
  const sessionDefaults = DEFAULT_SESSION_MIDDLEWARE_OPTIONS
  const headerName = env.SESSION_HEADER_NAME ?? sessionDefaults.headerName
  if (!/^[A-Za-z0-9-]{1,64}$/.test(headerName)) {
    throw new ConfigError(
      'SESSION_HEADER_NAME',
      'expected letters, digits and hyphens (no underscores: proxies drop them)',
    )
  }
  const secrets = list(env, 'SESSION_SECRETS')
  if (secrets.some((s) => s.length < 16)) {
    throw new ConfigError('SESSION_SECRETS', 'each secret needs 16 characters or more')
  }
  const encryptionKeys = list(env, 'SESSION_ENCRYPTION_KEYS')
  if (encryptionKeys.some((key) => key.length < 32)) {
    throw new ConfigError('SESSION_ENCRYPTION_KEYS', 'each key needs 32 characters or more')
  }
  const corsOrigins = list(env, 'CORS_ORIGINS')
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(
        'CORS_ORIGINS',
        `expected origins like https://example.com, got ${JSON.stringify(origin)}`,
      )
    }
  }
  const trustProxy = list(env, 'TRUST_PROXY')
  try {
    parseTrustedProxies(trustProxy)
  } catch (error) {
    throw new ConfigError('TRUST_PROXY', (error as Error).message)
  }
  // Case-insensitive: `Production` must not pass for "not production".
  const production = env.NODE_ENV?.trim().toLowerCase() === 'production'
  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}`)
  }
  const wechat = wechatConfig(env, production)
  const DAY = 86_400_000
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || undefined,
    sessionStore,
    databaseUrl,
    redis:
      sessionStore === 'redis'
        ? redisConfig(env)
        : { mode: 'standalone', url: env.REDIS_URL ?? '' },
    redisDurability: redisDurability(env),
    headerName,
    secrets,
    encryptionKeys,
    idleTimeoutMs: integer(
      env,
      'SESSION_IDLE_TIMEOUT_MS',
      sessionDefaults.idleTimeoutMs,
      1_000,
      365 * DAY,
    ),
    absoluteTimeoutMs: integer(
      env,
      'SESSION_ABSOLUTE_TIMEOUT_MS',
      sessionDefaults.absoluteTimeoutMs,
      1_000,
      3650 * DAY,
    ),
    storeTimeoutMs: integer(
      env,
      'SESSION_STORE_TIMEOUT_MS',
      sessionDefaults.storeTimeoutMs,
      10,
      60_000,
    ),
    pruneIntervalMs: integer(env, 'SESSION_PRUNE_INTERVAL_MS', 600_000, 1_000, DAY),
    http: httpTimeouts(env),
    corsOrigins,
    trustProxy,
    limits: limitsConfig(env),
    production,
    logLevel,
    wechat,
  }
}
