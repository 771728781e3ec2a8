import { randomBytes } from 'node:crypto'

/** What a code will do at `jscode2session` (the last two are for tests of failures). */
export interface IssueCodeOptions {
  /** The user; a new random openid when absent. */
  openid?: string
  /** Answer this WeChat errcode instead (e.g. 45011, -1). */
  errcode?: number
  /** Answer this late, in milliseconds (e.g. past the server's 5 s timeout). */
  delayMs?: number
}

/** An issued code, as `jscode2session` finds it. */
export interface CodeEntry {
  openid: string
  errcode: number | null
  delayMs: number
  expiresAt: number
  used: boolean
}

/** The codes `wx.login` would have handed out: single use, one life for all. */
export interface CodeTable {
  issue(options?: IssueCodeOptions): string
  /** The entry of `code` if it was issued and has not expired (used or not). */
  find(code: string): CodeEntry | undefined
}

/**
 * A code table of at most `maxCodes` entries, each living `codeTtlMs` on the clock `now`;
 * the oldest are dropped first.
 */
export function createCodeTable(codeTtlMs: number, maxCodes: number, now: () => number): CodeTable {
  const codes = new Map<string, CodeEntry>()
  return {
    issue(options = {}) {
      const at = now()
      // Entries are in issue order and share one life, so the expired ones are at the front.
      for (const [code, entry] of codes) {
        if (entry.expiresAt > at && codes.size < maxCodes) break
        codes.delete(code)
      }
      const code = randomBytes(24).toString('base64url')
      codes.set(code, {
        openid: options.openid ?? `o${randomBytes(21).toString('base64url')}`,
        errcode: options.errcode ?? null,
        delayMs: options.delayMs ?? 0,
        expiresAt: at + codeTtlMs,
        used: false,
      })
      return code
    },
    find(code) {
      const entry = codes.get(code)
      return entry && entry.expiresAt > now() ? entry : undefined
    },
  }
}
