import type { Context } from 'koa'
import type { Logger } from 'pino'
import { RateLimitedError } from '../errors'
import { addressKey } from './address-key'
import type { RateRule, ResolvedLimitsOptions } from './limit-options'
import { createLimiter, type Limiter } from './limiter'

/** The reference app's limits, as the session middleware and the login route use them. */
export interface RequestLimits {
  /**
   * The session middleware's `beforeCreate`: counts an anonymous session about to be stored
   * against its client address. A session born at a login is counted by the login limits.
   *
   * @throws RateLimitedError past `sessionsPerAddress`.
   */
  beforeSessionCreate(ctx: Context): Promise<void>
  /**
   * Counts a login against its client address, before WeChat is called.
   *
   * @throws RateLimitedError past `loginsPerAddress`.
   */
  login(ctx: Context): Promise<void>
  /**
   * Counts a login against the WeChat user WeChat named.
   *
   * @throws RateLimitedError past `loginsPerOpenid`.
   */
  loginOf(openid: string): Promise<void>
  /** Live sessions a user may hold (0: no cap). */
  readonly maxSessionsPerUser: number
}

/** How often a failing limit store is reported, at most. */
const WARN_EVERY_MS = 10_000

/**
 * Build the limits of `options`. A limit store that fails is reported on `logger` (a warning
 * every 10 s at most, with the number of failures) and the requests are counted in memory.
 */
export function createRequestLimits(options: ResolvedLimitsOptions, logger: Logger): RequestLimits {
  const { store, keyPrefix, storeTimeoutMs } = options
  let prunes = store.type !== 'memory'

  function limiter(name: string, rule: RateRule, what: string) {
    if (rule.points === 0) return async () => {}
    let failures = 0
    let warnedAt = -Infinity
    const counted: Limiter = createLimiter({
      store,
      rule,
      keyPrefix: `${keyPrefix}:${name}`,
      clearExpired: prunes,
      timeoutMs: storeTimeoutMs,
      onStoreError(error) {
        failures++
        const now = Date.now()
        if (now - warnedAt < WARN_EVERY_MS) return
        warnedAt = now
        const reason = error instanceof Error ? error.message : String(error)
        logger.warn(
          { limit: name, store: store.type, failures, reason },
          'limit store failed; counting in memory',
        )
        failures = 0
      },
    })
    prunes = false
    return async (key: string) => {
      const waitMs = await counted.take(key)
      if (waitMs !== null) throw new RateLimitedError(what, waitMs)
    }
  }

  const sessions = limiter('sessions', options.sessionsPerAddress, 'new sessions from this address')
  const logins = limiter('logins', options.loginsPerAddress, 'logins from this address')
  const openidLogins = limiter('openid', options.loginsPerOpenid, 'logins of this user')

  return {
    async beforeSessionCreate(ctx) {
      if (ctx.session.userId !== null) return
      await sessions(addressKey(ctx.ip))
    },
    login: (ctx) => logins(addressKey(ctx.ip)),
    loginOf: (openid) => openidLogins(openid),
    maxSessionsPerUser: options.maxSessionsPerUser,
  }
}
