import { createHash, randomBytes } from 'node:crypto'

/** A user as WeChat knows them after a `jscode2session`. */
export interface WechatUser {
  readonly openid: string
  /** The one valid session_key (WeChat: "同一用户在同一时刻仅有一个有效的 session_key"). */
  sessionKey: string
  readonly unionid: string | null
  /** When the user last logged in (the clock's ms), for APIs that want a recent visit. */
  lastLoginAt: number
}

/** The users who logged in, with their current session_key. */
export interface UserTable {
  /**
   * Log `openid` in: a new session_key when keys rotate at each login (or on the first login),
   * the kept one otherwise.
   */
  login(openid: string): WechatUser
  find(openid: string): WechatUser | undefined
  /** Replace the user's session_key, as another `wx.login` may; the old one stops working. */
  rotateSessionKey(openid: string): string | undefined
}

/** How the table hands out keys and unionids. */
export interface UserTableOptions {
  rotateSessionKeyOnLogin: boolean
  unionIdOf(openid: string): string | null
  maxUsers: number
  now(): number
}

/** A session_key as WeChat gives it: 16 random bytes, base64 (24 characters). */
const newSessionKey = () => randomBytes(16).toString('base64')

/**
 * A stable unionid for `openid`: `o` and 27 URL-safe characters, like WeChat's 28. Derived, so
 * a test can expect one without asking the stand-in.
 */
export function derivedUnionId(openid: string): string {
  return `o${createHash('sha256').update(`unionid:${openid}`).digest('base64url').slice(0, 27)}`
}

/** A user table of at most `maxUsers` users; the least recently logged in go first. */
export function createUserTable(options: UserTableOptions): UserTable {
  const users = new Map<string, WechatUser>()
  return {
    login(openid) {
      const known = users.get(openid)
      users.delete(openid)
      const user: WechatUser = known ?? {
        openid,
        sessionKey: newSessionKey(),
        unionid: options.unionIdOf(openid),
        lastLoginAt: 0,
      }
      if (known && options.rotateSessionKeyOnLogin) user.sessionKey = newSessionKey()
      user.lastLoginAt = options.now()
      users.set(openid, user)
      for (const oldest of users.keys()) {
        if (users.size <= options.maxUsers) break
        users.delete(oldest)
      }
      return user
    },
    find: (openid) => users.get(openid),
    rotateSessionKey(openid) {
      const user = users.get(openid)
      if (!user) return undefined
      user.sessionKey = newSessionKey()
      return user.sessionKey
    },
  }
}
