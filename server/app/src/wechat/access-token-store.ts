/** An access_token as kept in the shared store, with WeChat's times on the provider's clock. */
export interface CachedAccessToken {
  token: string
  /** When it was fetched (ms). */
  fetchedAt: number
  /** When WeChat stops taking it (ms): `fetchedAt + expires_in`. */
  expiresAt: number
  /** When a process should fetch the next one (ms), before `expiresAt`. */
  refreshAt: number
}

/** What the forced-refresh budget is asked with. */
export interface ForcedRefreshRequest {
  /** The provider's clock (ms). */
  now: number
  /** The day WeChat counts in (China time), from `chinaDay(now)`. */
  day: number
  /** At least this long between two forced refreshes (WeChat: 30 s). */
  minIntervalMs: number
  /** At most this many a day (WeChat: 20). */
  maxPerDay: number
}

/** Whether a forced refresh may be made now, and when not, why. */
export type ForcedRefreshDecision =
  { allowed: true } | { allowed: false; reason: 'too-soon' | 'daily-limit' }

/**
 * Where every process of the app keeps the access_token, the refresh lock and the count of
 * forced refreshes, so that they share one token and refresh it once. Implementations: a Redis
 * key (`createRedisAccessTokenStore`) and SQL rows (`createSqlAccessTokenStore`).
 */
export interface AccessTokenStore {
  /** The stored token, or null. */
  read(): Promise<CachedAccessToken | null>
  /** Store `token`, replacing the stored one. */
  write(token: CachedAccessToken): Promise<void>
  /**
   * Take the refresh lock for `ttlMs` (real time) unless another holder's lease runs: a lock
   * id to release it with, or null when it is held.
   */
  acquireLock(ttlMs: number): Promise<string | null>
  /** Release the lock if `lockId` still holds it (a lease that ran out may be another's now). */
  releaseLock(lockId: string): Promise<void>
  /** Count a forced refresh if WeChat's limits allow one now; atomic across processes. */
  takeForcedRefresh(request: ForcedRefreshRequest): Promise<ForcedRefreshDecision>
}

/** The day WeChat counts its daily quotas in: China Standard Time (UTC+8, no DST). */
export const chinaDay = (ms: number): number => Math.floor((ms + 8 * 3_600_000) / 86_400_000)

/** A stored token read back: the fields checked, or null for anything else. */
export function parseCachedToken(text: string | null | undefined): CachedAccessToken | null {
  if (typeof text !== 'string') return null
  try {
    const value = JSON.parse(text) as Partial<CachedAccessToken>
    const { token, fetchedAt, expiresAt, refreshAt } = value
    if (typeof token !== 'string' || token === '') return null
    if (![fetchedAt, expiresAt, refreshAt].every((ms) => typeof ms === 'number')) return null
    return value as CachedAccessToken
  } catch {
    return null
  }
}
