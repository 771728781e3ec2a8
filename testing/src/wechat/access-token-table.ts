import { randomBytes } from 'node:crypto'

/** Life of an access_token: `expires_in` 7200. */
export const ACCESS_TOKEN_TTL_MS = 7_200_000
/**
 * WeChat renews the token in its last 5 minutes ("平台会提前5分钟更新access_token"), and old
 * and new both work for those 5 minutes; so any token handed out has `expires_in` ≥ 300.
 */
export const RENEWAL_WINDOW_MS = 300_000
/** Forced refreshes closer than this do not refresh ("请保证调用时间隔至少为30s，否则不会刷新"). */
export const FORCED_REFRESH_SPACING_MS = 30_000
/** Forced refreshes a day ("该模式限制每天20次"); past it, errcode 45009. */
export const FORCED_REFRESHES_PER_DAY = 20

/** The day WeChat counts quotas in: China Standard Time (UTC+8), which has no DST. */
export const chinaDay = (ms: number): number => Math.floor((ms + 8 * 3_600_000) / 86_400_000)

/** What `stable_token` answers: a token and its remaining life, or an errcode. */
export type StableTokenAnswer = { access_token: string; expires_in: number } | { errcode: 45009 }

/** The access_tokens WeChat has issued for the one appid of the stand-in. */
export interface AccessTokenTable {
  /** `POST /cgi-bin/stable_token` in normal mode or with `force_refresh`. */
  stable(forceRefresh: boolean): StableTokenAnswer
  /** 0 for a token that works now, else WeChat's errcode: 41001, 40001 or 42001. */
  check(token: string): 0 | 40001 | 41001 | 42001
  /** Every token stops working now (40001), as when it was refreshed elsewhere. */
  invalidate(): void
}

interface IssuedToken {
  readonly token: string
  readonly expiresAt: number
  /** When a refresh retired it before its expiry; past that it answers 40001. */
  revokedAt: number | null
}

/** Tokens remembered to tell "expired" (42001) from "never issued" (40001). */
const REMEMBERED_TOKENS = 64

/**
 * The token rules of `getStableAccessToken`
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html),
 * read as follows where the page leaves room:
 * - normal mode gives the current token and its remaining `expires_in`; in the token's last
 *   5 minutes (or once it expired) it gives a new one, and the old one works until its expiry;
 * - a forced refresh gives a new token; the one before stays valid 5 more minutes (at most
 *   until its expiry), as in a normal renewal, and any older one stops at once — which is why
 *   the page says two forced refreshes 30 s apart kill a leaked token "立即";
 * - a forced refresh within 30 s of the last one does not refresh: it answers as normal mode
 *   and is not counted; the 21st of a China day answers 45009.
 */
export function createAccessTokenTable(now: () => number): AccessTokenTable {
  const issued = new Map<string, IssuedToken>()
  let current: IssuedToken | null = null
  let forcedDay = -1
  let forcedToday = 0
  let lastForcedAt: number | null = null

  const usableAt = (entry: IssuedToken, at: number) =>
    at < entry.expiresAt && (entry.revokedAt === null || at < entry.revokedAt)

  function issue(at: number): IssuedToken {
    const entry: IssuedToken = {
      token: randomBytes(96).toString('base64url'),
      expiresAt: at + ACCESS_TOKEN_TTL_MS,
      revokedAt: null,
    }
    issued.set(entry.token, entry)
    for (const oldest of issued.keys()) {
      if (issued.size <= REMEMBERED_TOKENS) break
      issued.delete(oldest)
    }
    current = entry
    return entry
  }

  const answer = (entry: IssuedToken, at: number): StableTokenAnswer => ({
    access_token: entry.token,
    expires_in: Math.floor((entry.expiresAt - at) / 1000),
  })

  function normal(at: number): StableTokenAnswer {
    if (current && usableAt(current, at) && current.expiresAt - at > RENEWAL_WINDOW_MS) {
      return answer(current, at)
    }
    return answer(issue(at), at)
  }

  return {
    stable(forceRefresh) {
      const at = now()
      if (!forceRefresh) return normal(at)
      if (chinaDay(at) !== forcedDay) {
        forcedDay = chinaDay(at)
        forcedToday = 0
      }
      if (forcedToday >= FORCED_REFRESHES_PER_DAY) return { errcode: 45009 }
      if (lastForcedAt !== null && at - lastForcedAt < FORCED_REFRESH_SPACING_MS) return normal(at)
      forcedToday++
      lastForcedAt = at
      const previous = current
      for (const entry of issued.values()) {
        if (entry !== previous && usableAt(entry, at)) entry.revokedAt = at
      }
      if (previous && usableAt(previous, at)) {
        previous.revokedAt = Math.min(previous.expiresAt, at + RENEWAL_WINDOW_MS)
      }
      return answer(issue(at), at)
    },
    check(token) {
      if (token === '') return 41001
      const entry = issued.get(token)
      if (!entry) return 40001
      const at = now()
      if (entry.revokedAt !== null && at >= entry.revokedAt && entry.revokedAt < entry.expiresAt) {
        return 40001
      }
      return at >= entry.expiresAt ? 42001 : 0
    },
    invalidate() {
      const at = now()
      for (const entry of issued.values()) {
        if (usableAt(entry, at)) entry.revokedAt = at
      }
      current = null
    },
  }
}
