/** Where the stand-in answers by default: its `apiBase` is the server's origin plus this. */
export const WECHAT_STAND_IN_PATH = '/__dev/wechat'

/** Options of `createWechatStandIn`. */
export interface WechatStandInOptions {
  /** The appid the stand-in accepts. */
  appId?: string
  /** The secret the stand-in accepts. */
  secret?: string
  /** Life of a login code and of a phone code, like WeChat's 5 minutes. */
  codeTtlMs?: number
  /** Codes kept at most (of each kind); the oldest go first. */
  maxCodes?: number
  /** Users remembered at most (their session_key); the least recently logged in go first. */
  maxUsers?: number
  /** The path it answers under, `''` for the server's root. Default `/__dev/wechat`. */
  basePath?: string
  /**
   * Whether each login gives the user a new session_key (default `true`), the old one then
   * failing. WeChat's pages say a login "may" make a new one ("也可能会生成新的登录态
   * session_key，从而使旧的 session_key 被顶替而失效") and that a user has one valid key at a
   * time; the default plays the case a server must survive. `false` keeps the user's key
   * across logins until `rotateSessionKey`.
   */
  rotateSessionKeyOnLogin?: boolean
  /**
   * `unionid` in `jscode2session` answers, as for an app bound to an Open Platform account:
   * `true` derives a stable one per openid, a function gives it (`null`: none). Default `false`.
   */
  unionIds?: boolean | ((openid: string) => string | null)
  /** Words that make `msg_sec_check` answer `risky` (label 20006). Default `['stand-in-risky']`. */
  riskyWords?: readonly string[]
  /** Words that make `msg_sec_check` answer `review` (label 21000). Default `['stand-in-review']`. */
  reviewWords?: readonly string[]
  /** Clock (tests inject one): code lives, token lives and quotas, watermarks. */
  now?: () => number
}

/** Defaults of `WechatStandInOptions`. */
export const DEFAULT_WECHAT_STAND_IN_OPTIONS = Object.freeze({
  appId: 'wxdevstandin000000',
  secret: 'dev-stand-in-secret',
  codeTtlMs: 300_000,
  maxCodes: 10_000,
  maxUsers: 100_000,
  basePath: WECHAT_STAND_IN_PATH,
  rotateSessionKeyOnLogin: true,
  unionIds: false,
  riskyWords: Object.freeze(['stand-in-risky']),
  reviewWords: Object.freeze(['stand-in-review']),
})

/** `WechatStandInOptions` with every default applied. */
export type ResolvedStandInOptions = Required<WechatStandInOptions>

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${name}: expected a positive integer, got ${value}`)
  }
  return value
}

function words(name: string, value: readonly string[]): readonly string[] {
  if (!Array.isArray(value) || value.some((word) => typeof word !== 'string' || word === '')) {
    throw new RangeError(`${name}: expected an array of non-empty strings`)
  }
  return Object.freeze([...value])
}

/**
 * Check `options` and apply the defaults (into a fresh object).
 *
 * @throws RangeError naming the bad option and value.
 */
export function resolveStandInOptions(options: WechatStandInOptions): ResolvedStandInOptions {
  const defaults = DEFAULT_WECHAT_STAND_IN_OPTIONS
  const basePath = (options.basePath ?? defaults.basePath).replace(/\/+$/, '')
  if (basePath !== '' && !basePath.startsWith('/')) {
    throw new RangeError(`basePath: expected '' or a path starting with /, got ${basePath}`)
  }
  const unionIds = options.unionIds ?? defaults.unionIds
  if (typeof unionIds !== 'boolean' && typeof unionIds !== 'function') {
    throw new RangeError(`unionIds: expected a boolean or a function, got ${String(unionIds)}`)
  }
  const rotate = options.rotateSessionKeyOnLogin ?? defaults.rotateSessionKeyOnLogin
  if (typeof rotate !== 'boolean') {
    throw new RangeError(`rotateSessionKeyOnLogin: expected a boolean, got ${String(rotate)}`)
  }
  return {
    appId: options.appId ?? defaults.appId,
    secret: options.secret ?? defaults.secret,
    codeTtlMs: positiveInteger('codeTtlMs', options.codeTtlMs ?? defaults.codeTtlMs),
    maxCodes: positiveInteger('maxCodes', options.maxCodes ?? defaults.maxCodes),
    maxUsers: positiveInteger('maxUsers', options.maxUsers ?? defaults.maxUsers),
    basePath,
    rotateSessionKeyOnLogin: rotate,
    unionIds,
    riskyWords: words('riskyWords', options.riskyWords ?? defaults.riskyWords),
    reviewWords: words('reviewWords', options.reviewWords ?? defaults.reviewWords),
    now: options.now ?? Date.now,
  }
}
