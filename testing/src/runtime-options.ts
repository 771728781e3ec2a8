import { RuntimeOptionsError } from './errors/runtime-options-error'
import type { CodeSource } from './login/code-source'
import type { WeRunSource } from './open-api/we-run-source'
import { PROFILES } from './profiles/index'
import type {
  MiniPlatform,
  NetworkApi,
  PlatformProfile,
  StorageLimits,
} from './profiles/platform-profile'

/** The part of `app.json` the runtime reads. */
export interface AppJson {
  /** Default timeouts in ms of calls that set none (WeChat: `request`, `uploadFile`, ...). */
  networkTimeout?: Partial<Record<NetworkApi | 'connectSocket', number>>
}

/** Options of `createMiniRuntime`. */
export interface MiniRuntimeOptions {
  /** The platform to play. Default `wx`. */
  platform?: MiniPlatform
  /** Where the login API gets its codes. Without it, logins fail. */
  login?: CodeSource
  /**
   * Where `wx.getWeRunData` gets the user's encrypted steps (WeChat only): a function, or
   * `{ standInUrl, openid }` for a stand-in encrypting them with the user's current
   * session_key at `POST <standInUrl>/werun`. Without it, `wx.getWeRunData` fails as for a
   * user who did not grant `scope.werun`.
   */
  weRun?: WeRunSource
  /**
   * The mini-program's `app.json`: `networkTimeout` sets the default timeouts on the platforms
   * that read it (wx, qq, tt, swan). Alipay documents none: passing one there throws.
   */
  appJson?: AppJson
  /**
   * The request domain list of the admin console: a call to any other host fails as the
   * platform fails (WeChat: errno 600002). Default: none, every host allowed (the developer
   * tools' 不校验合法域名).
   */
  allowedDomains?: readonly string[]
  /** Calls at once. Default: the platform's (10; no limit on Alipay). */
  maxInFlight?: number
  /** Past `maxInFlight`: wait for a free slot (`queue`, default), or fail at once (`fail`). */
  overflow?: 'queue' | 'fail'
  /**
   * Default timeouts in ms, over the platform's and `appJson`'s, for any platform: a test
   * shortcut (Alipay's 30 s `my.request` default has no app.json setting).
   */
  defaultTimeoutMs?: Partial<Record<NetworkApi, number>>
  /** Every response header name in lower case, as over HTTP/2. Default false. */
  http2?: boolean
  /** The appid in the platform's `Referer`. Default `touristappid`. */
  appId?: string
  /** Storage limits in bytes. Default: the platform's (WeChat 1 MB per key, 10 MB in all). */
  storage?: Partial<StorageLimits>
  /**
   * Called with an error a callback threw (a platform reports it to `App.onError` and goes on).
   * Default: keep it in `errors` and print it.
   */
  onError?: (error: unknown) => void
}

/** The options with their defaults, the profile and the timeouts resolved. */
export interface ResolvedRuntimeOptions {
  readonly profile: PlatformProfile
  readonly login: CodeSource | undefined
  readonly weRun: WeRunSource | undefined
  readonly allowedDomains: readonly string[] | undefined
  readonly maxInFlight: number
  readonly overflow: 'queue' | 'fail'
  readonly timeouts: Readonly<Record<NetworkApi, number>>
  readonly http2: boolean
  readonly appId: string
  readonly storage: StorageLimits
  readonly onError: ((error: unknown) => void) | undefined
}

/** The defaults that do not depend on the platform. */
export const DEFAULT_RUNTIME_OPTIONS = Object.freeze({
  platform: 'wx' as MiniPlatform,
  overflow: 'queue' as const,
  http2: false,
  appId: 'touristappid',
})

const positive = (value: unknown): value is number =>
  typeof value === 'number' && value > 0 && !Number.isNaN(value)

function isWeRunSource(value: unknown): boolean {
  if (typeof value === 'function') return true
  const { standInUrl, openid } = (value ?? {}) as Record<string, unknown>
  return (
    typeof standInUrl === 'string' &&
    standInUrl !== '' &&
    typeof openid === 'string' &&
    openid !== ''
  )
}

function check(ok: boolean, option: string, expected: string, value: unknown): void {
  if (!ok) throw new RuntimeOptionsError(option, expected, value)
}

/** Timeouts per call: the option's, else app.json's (where read), else the platform's. */
function resolveTimeouts(profile: PlatformProfile, options: MiniRuntimeOptions) {
  const fromApp = options.appJson?.networkTimeout ?? {}
  check(
    profile.appJsonTimeouts || options.appJson?.networkTimeout === undefined,
    'appJson.networkTimeout',
    `absent on ${profile.platform} (no app.json networkTimeout there; use defaultTimeoutMs)`,
    JSON.stringify(options.appJson?.networkTimeout),
  )
  const timeouts = { ...profile.defaultTimeoutMs }
  for (const api of Object.keys(timeouts) as NetworkApi[]) {
    const app = fromApp[api]
    const own = options.defaultTimeoutMs?.[api]
    check(
      app === undefined || positive(app),
      `appJson.networkTimeout.${api}`,
      'a positive number',
      app,
    )
    check(own === undefined || positive(own), `defaultTimeoutMs.${api}`, 'a positive number', own)
    timeouts[api] = own ?? app ?? timeouts[api]
  }
  return timeouts
}

/**
 * Checks `options` once and fills in the defaults (a fresh object; `options` is not changed).
 *
 * @throws RuntimeOptionsError naming the option and the bad value.
 */
export function resolveRuntimeOptions(options: MiniRuntimeOptions): ResolvedRuntimeOptions {
  const platform = options.platform ?? DEFAULT_RUNTIME_OPTIONS.platform
  const profile = PROFILES[platform]
  check(profile !== undefined, 'platform', `one of ${Object.keys(PROFILES).join(', ')}`, platform)
  const { maxInFlight, overflow, allowedDomains } = options
  check(
    maxInFlight === undefined || (Number.isInteger(maxInFlight) && maxInFlight > 0),
    'maxInFlight',
    'a positive integer',
    maxInFlight,
  )
  check(
    overflow === undefined || overflow === 'queue' || overflow === 'fail',
    'overflow',
    "'queue' or 'fail'",
    overflow,
  )
  check(
    allowedDomains === undefined ||
      (Array.isArray(allowedDomains) && allowedDomains.every((d) => typeof d === 'string' && d)),
    'allowedDomains',
    'an array of hosts or origins',
    allowedDomains,
  )
  check(
    options.weRun === undefined || platform === 'wx',
    'weRun',
    `absent on ${platform} (wx.getWeRunData is WeChat's)`,
    'a source',
  )
  check(
    options.weRun === undefined || isWeRunSource(options.weRun),
    'weRun',
    'a function, or { standInUrl, openid } strings',
    typeof options.weRun === 'object' ? JSON.stringify(options.weRun) : options.weRun,
  )
  for (const limit of ['maxItemBytes', 'maxTotalBytes'] as const) {
    const value = options.storage?.[limit]
    check(value === undefined || positive(value), `storage.${limit}`, 'a positive number', value)
  }
  return {
    profile,
    login: options.login,
    weRun: options.weRun,
    allowedDomains,
    maxInFlight: maxInFlight ?? profile.maxInFlight,
    overflow: overflow ?? DEFAULT_RUNTIME_OPTIONS.overflow,
    timeouts: resolveTimeouts(profile, options),
    http2: options.http2 ?? DEFAULT_RUNTIME_OPTIONS.http2,
    appId: options.appId ?? DEFAULT_RUNTIME_OPTIONS.appId,
    storage: {
      maxItemBytes: options.storage?.maxItemBytes ?? profile.storage.maxItemBytes,
      maxTotalBytes: options.storage?.maxTotalBytes ?? profile.storage.maxTotalBytes,
    },
    onError: options.onError,
  }
}
