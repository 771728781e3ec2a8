import type { LimitsConfig } from '../config'
import type { LimitStore } from './limit-store'

/** A fixed-window rate: at most `points` requests per key in `windowMs`. */
export interface RateRule {
  /** Requests allowed per window; 0 turns the limit off. */
  points: number
  /** The window, a whole number of seconds in milliseconds (Redis keeps TTLs in seconds). */
  windowMs: number
}

/** Options of the reference app's limits (`createApp({ limits })`). */
export interface LimitsOptions {
  /**
   * Where counts are kept, shared by every app instance on it. Default: this process's
   * memory (each instance counts alone), for tests and single-process experiments.
   */
  store?: LimitStore
  /** Anonymous sessions stored per client address (IPv6: per /64). Default 600 a minute. */
  sessionsPerAddress?: RateRule
  /** `POST /api/auth/login` per client address (IPv6: per /64). Default 600 a minute. */
  loginsPerAddress?: RateRule
  /** Logins per WeChat user (openid), counted after WeChat's answer. Default 10 a minute. */
  loginsPerOpenid?: RateRule
  /**
   * Live sessions one user may hold; at a login past it, the least recently used others are
   * revoked. 0 turns the cap off. Default 20.
   */
  maxSessionsPerUser?: number
  /** Deadline of one call to the limit store; past it the request is counted in memory. Default 250. */
  storeTimeoutMs?: number
  /** Prefix of the keys (Redis) or of the `key` column (SQL). Default `hs:limit`. */
  keyPrefix?: string
}

/** `LimitsOptions` with every default applied. */
export type ResolvedLimitsOptions = Required<LimitsOptions>

const MINUTE = 60_000

/**
 * The defaults, sized for a mini-program back end where a crowd shares one address (a carrier
 * NAT, a campus or an office): an event where 500 people open the app within a minute stays
 * under 600, while one client's rate falls from thousands of sessions a second to 10.
 * WeChat itself refuses `jscode2session` past 100 calls a minute per user (errcode 45011);
 * a person logs in a few times a minute at most, hence 10.
 */
export const DEFAULT_LIMITS_OPTIONS = Object.freeze({
  sessionsPerAddress: Object.freeze({ points: 600, windowMs: MINUTE }),
  loginsPerAddress: Object.freeze({ points: 600, windowMs: MINUTE }),
  loginsPerOpenid: Object.freeze({ points: 10, windowMs: MINUTE }),
  maxSessionsPerUser: 20,
  storeTimeoutMs: 250,
  keyPrefix: 'hs:limit',
})

function checkRule(name: string, rule: RateRule): RateRule {
  const { points, windowMs } = rule
  if (!Number.isSafeInteger(points) || points < 0) {
    throw new TypeError(`limits.${name}.points: expected an integer ≥ 0, got ${String(points)}`)
  }
  if (!Number.isSafeInteger(windowMs) || windowMs < 1_000 || windowMs % 1_000 !== 0) {
    throw new TypeError(
      `limits.${name}.windowMs: expected whole seconds (1000, 60000…), got ${String(windowMs)}`,
    )
  }
  return { points, windowMs }
}

/**
 * Check `options` and apply the defaults (into a fresh object).
 *
 * @throws TypeError naming the bad option and value.
 */
export function resolveLimitsOptions(
  options: LimitsOptions = {},
  fallbackStore: LimitStore,
): ResolvedLimitsOptions {
  const d = DEFAULT_LIMITS_OPTIONS
  const maxSessionsPerUser = options.maxSessionsPerUser ?? d.maxSessionsPerUser
  if (!Number.isSafeInteger(maxSessionsPerUser) || maxSessionsPerUser < 0) {
    throw new TypeError(
      `limits.maxSessionsPerUser: expected an integer ≥ 0, got ${String(maxSessionsPerUser)}`,
    )
  }
  const storeTimeoutMs = options.storeTimeoutMs ?? d.storeTimeoutMs
  if (!Number.isSafeInteger(storeTimeoutMs) || storeTimeoutMs < 1) {
    throw new TypeError(
      `limits.storeTimeoutMs: expected a positive integer, got ${String(storeTimeoutMs)}`,
    )
  }
  const keyPrefix = options.keyPrefix ?? d.keyPrefix
  if (!/^[\w:.-]{1,64}$/.test(keyPrefix)) {
    throw new TypeError(
      `limits.keyPrefix: expected 1 to 64 of A-Z a-z 0-9 _ : . -, got ${JSON.stringify(keyPrefix)}`,
    )
  }
  return {
    store: options.store ?? fallbackStore,
    sessionsPerAddress: checkRule(
      'sessionsPerAddress',
      options.sessionsPerAddress ?? d.sessionsPerAddress,
    ),
    loginsPerAddress: checkRule('loginsPerAddress', options.loginsPerAddress ?? d.loginsPerAddress),
    loginsPerOpenid: checkRule('loginsPerOpenid', options.loginsPerOpenid ?? d.loginsPerOpenid),
    maxSessionsPerUser,
    storeTimeoutMs,
    keyPrefix,
  }
}

/** The limits of the environment (`loadConfig().limits`), counted in `store`, a minute each. */
export function limitsOptionsFromConfig(config: LimitsConfig, store: LimitStore): LimitsOptions {
  const perMinute = (points: number): RateRule => ({ points, windowMs: MINUTE })
  return {
    store,
    sessionsPerAddress: perMinute(config.sessionsPerMinute),
    loginsPerAddress: perMinute(config.loginsPerMinute),
    loginsPerOpenid: perMinute(config.loginsPerOpenidPerMinute),
    maxSessionsPerUser: config.maxSessionsPerUser,
  }
}
