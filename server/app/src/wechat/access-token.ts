import { WechatApiError } from '../errors'
import { type AccessTokenStore, type CachedAccessToken, chinaDay } from './access-token-store'
import { fetchStableToken } from './stable-token'
import { errcodeOf, TOKEN_ERRCODES } from './wechat-errcodes'

/** Options of `createAccessTokenProvider`. */
export interface AccessTokenProviderOptions {
  appId: string
  secret: string
  /** WeChat's API base without a trailing slash, e.g. `https://api.weixin.qq.com`. */
  apiBase: string
  /** Where every process keeps the token, the lock and the forced-refresh count. */
  store: AccessTokenStore
  /** Deadline of one `stable_token` call. Default 5000. */
  timeoutMs?: number
  /**
   * How long before its expiry a token is replaced. Default 300 000: WeChat renews a token in
   * its last 5 minutes (before that, normal mode answers the same one).
   */
  refreshAheadMs?: number
  /** Lease of the refresh lock (real time), above `timeoutMs`. Default 15 000. */
  lockTtlMs?: number
  /** How long a process waits for another's refresh before giving up. Default 10 000. */
  waitTimeoutMs?: number
  /** How often a waiting process looks at the store. Default 25. */
  pollIntervalMs?: number
  /** Forced refreshes at least this far apart (WeChat: 30 s). Default 30 000. */
  minForcedIntervalMs?: number
  /** Forced refreshes a China day at most (WeChat: 20). Default 20. */
  maxForcedPerDay?: number
  /** WeChat's clock (tests inject one): token lives and the forced-refresh budget. */
  now?: () => number
  /** Told of each token fetched, with a hint of 6 characters (for logs), never the token. */
  onRefresh?: (refresh: AccessTokenRefresh) => void
}

/** A token fetched, as `onRefresh` is told of it. */
export interface AccessTokenRefresh {
  /** Whether it was a forced refresh (after WeChat rejected the token). */
  forced: boolean
  /** The first 6 characters of the token. */
  tokenHint: string
  /** Its life in seconds, as WeChat gave it. */
  expiresIn: number
}

/** Defaults of `AccessTokenProviderOptions`. */
export const DEFAULT_ACCESS_TOKEN_OPTIONS = Object.freeze({
  timeoutMs: 5_000,
  refreshAheadMs: 300_000,
  lockTtlMs: 15_000,
  waitTimeoutMs: 10_000,
  pollIntervalMs: 25,
  minForcedIntervalMs: 30_000,
  maxForcedPerDay: 20,
})

/** The access_token of an app, shared by all its processes. */
export interface AccessTokenProvider {
  /**
   * A token that works: the stored one, or (past its `refreshAt`) a new one that one process
   * fetches; the others go on with the stored one meanwhile, or wait for the new one when the
   * stored one no longer works.
   *
   * @throws WechatApiError when none can be had (see `fetchStableToken`), or another process
   *   held the lock past `waitTimeoutMs` with no usable token stored.
   */
  getToken(): Promise<string>
  /**
   * A token other than `rejected`, after WeChat answered 40001, 40014 or 42001 for it: another
   * process's newer one if stored, else a forced refresh when WeChat's limits allow it (30 s
   * apart, 20 a day, counted in the store), else a normal one.
   *
   * @throws WechatApiError `WECHAT_TOKEN_REJECTED` when WeChat gives `rejected` again.
   */
  refreshAfterRejection(rejected: string): Promise<string>
  /**
   * Run `call` with a token; when WeChat's answer is a token errcode (40001, 40014, 42001),
   * refresh once (`refreshAfterRejection`) and run it once more. The last answer is returned
   * as it is, errcode or not.
   */
  withAccessToken<T extends Record<string, unknown>>(
    call: (accessToken: string) => Promise<T>,
  ): Promise<T>
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`${name}: expected a positive integer, got ${String(value)}`)
  }
  return value
}

function nonEmpty(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`${name}: expected a non-empty string, got ${JSON.stringify(value)}`)
  }
  return value
}

// Unref'd: a wait must not keep a process alive.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref())

/**
 * An access_token provider: one `stable_token` call for all the processes that share `store`,
 * made by the one holding the store's lock, before the token expires; a forced refresh only
 * after WeChat rejected the token, within WeChat's limits. The token is never logged or put in
 * an error.
 *
 * @throws TypeError for a bad option (the message names it).
 * @example
 * const tokens = createAccessTokenProvider({ appId, secret, apiBase, store })
 * const answer = await tokens.withAccessToken((token) => callWechat(...))
 */
export function createAccessTokenProvider(
  options: AccessTokenProviderOptions,
): AccessTokenProvider {
  const d = DEFAULT_ACCESS_TOKEN_OPTIONS
  const credentials = {
    appId: nonEmpty('appId', options.appId),
    secret: nonEmpty('secret', options.secret),
    apiBase: nonEmpty('apiBase', options.apiBase).replace(/\/+$/, ''),
    timeoutMs: positiveInteger('timeoutMs', options.timeoutMs ?? d.timeoutMs),
  }
  const refreshAheadMs = positiveInteger(
    'refreshAheadMs',
    options.refreshAheadMs ?? d.refreshAheadMs,
  )
  const lockTtlMs = positiveInteger('lockTtlMs', options.lockTtlMs ?? d.lockTtlMs)
  const waitTimeoutMs = positiveInteger('waitTimeoutMs', options.waitTimeoutMs ?? d.waitTimeoutMs)
  const pollIntervalMs = positiveInteger(
    'pollIntervalMs',
    options.pollIntervalMs ?? d.pollIntervalMs,
  )
  const minIntervalMs = positiveInteger(
    'minForcedIntervalMs',
    options.minForcedIntervalMs ?? d.minForcedIntervalMs,
  )
  const maxPerDay = positiveInteger('maxForcedPerDay', options.maxForcedPerDay ?? d.maxForcedPerDay)
  const { store, onRefresh } = options
  const now = options.now ?? Date.now
  /** This process's refresh in flight, per rejected token (`''`: refresh before expiry). */
  const flights = new Map<string, Promise<string>>()

  /** Whether `cached` works and is not the rejected one. */
  const usable = (cached: CachedAccessToken | null, rejected: string | null) =>
    cached !== null && cached.token !== rejected && now() < cached.expiresAt
  /** Whether `cached` makes a call needless: fresh, or (after a rejection) another token. */
  const enough = (cached: CachedAccessToken | null, rejected: string | null) =>
    rejected === null ? cached !== null && now() < cached.refreshAt : usable(cached, rejected)

  async function fetchHolding(rejected: string | null): Promise<string> {
    const cached = await store.read()
    if (cached && enough(cached, rejected)) return cached.token
    let forced = false
    if (rejected !== null) {
      const at = now()
      const decision = await store.takeForcedRefresh({
        now: at,
        day: chinaDay(at),
        minIntervalMs,
        maxPerDay,
      })
      forced = decision.allowed
    }
    let fetched
    try {
      fetched = await fetchStableToken(credentials, forced)
    } catch (error) {
      // WeChat failed us: a stored token that still works will do until it does not.
      if (cached && usable(cached, rejected)) return cached.token
      throw error
    }
    if (fetched.accessToken === rejected) {
      throw new WechatApiError('WECHAT_TOKEN_REJECTED', {
        api: 'stable_token',
        reason: 'WeChat rejected its current token; no forced refresh allowed now',
      })
    }
    const fetchedAt = now()
    const lifeMs = fetched.expiresIn * 1000
    await store.write({
      token: fetched.accessToken,
      fetchedAt,
      expiresAt: fetchedAt + lifeMs,
      // A short-lived answer (WeChat's last 5 minutes) is renewed at half its life.
      refreshAt: fetchedAt + Math.max(lifeMs - refreshAheadMs, lifeMs / 2),
    })
    onRefresh?.({
      forced,
      tokenHint: fetched.accessToken.slice(0, 6),
      expiresIn: fetched.expiresIn,
    })
    return fetched.accessToken
  }

  async function refresh(rejected: string | null): Promise<string> {
    const giveUpAt = performance.now() + waitTimeoutMs
    for (;;) {
      const lockId = await store.acquireLock(lockTtlMs)
      if (lockId !== null) {
        try {
          return await fetchHolding(rejected)
        } finally {
          await store.releaseLock(lockId).catch(() => {
            // The lease ends by itself.
          })
        }
      }
      const cached = await store.read()
      if (cached && enough(cached, rejected)) return cached.token
      // Another process is renewing a token that still works: it does meanwhile, no waiting.
      if (cached && usable(cached, rejected)) return cached.token
      if (performance.now() >= giveUpAt) {
        throw new WechatApiError('WECHAT_UNAVAILABLE', {
          api: 'stable_token',
          reason: `another process held the token refresh lock for ${waitTimeoutMs} ms`,
        })
      }
      await sleep(pollIntervalMs)
    }
  }

  /** One refresh per process and reason at a time; the callers share it. */
  function shared(rejected: string | null): Promise<string> {
    const key = rejected ?? ''
    const inFlight = flights.get(key)
    if (inFlight) return inFlight
    const flight = refresh(rejected).finally(() => flights.delete(key))
    flights.set(key, flight)
    return flight
  }

  const provider: AccessTokenProvider = {
    async getToken() {
      const cached = await store.read()
      if (cached && now() < cached.refreshAt) return cached.token
      return shared(null)
    },
    refreshAfterRejection: (rejected) => shared(rejected),
    async withAccessToken(call) {
      const token = await provider.getToken()
      const first = await call(token)
      if (!TOKEN_ERRCODES.has(errcodeOf(first))) return first
      return call(await provider.refreshAfterRejection(token))
    },
  }
  return provider
}
