/** What WeChat's open APIs (`wx.checkSession`, `wx.getWeRunData`) need from the runtime. */
export interface OpenApiContext {
  /** Runs a callback (or drops it, once the runtime is closed). */
  readonly deliver: (callback: () => void) => void
  /** Counts `work` as running until it settles: `settled()` waits for it. */
  readonly track: (work: Promise<unknown>) => void
}

/**
 * The platform login that `wx.checkSession` checks: none before the first `wx.login`, good
 * from each `wx.login` that gives a code, until the test expires it.
 */
export interface LoginSession {
  readonly valid: boolean
  /** A `wx.login` gave a code: its session_key is the current one, and good. */
  renew(): void
  /** The current session_key expired (or was replaced): `wx.checkSession` fails. */
  expire(): void
}

/** A login session with no login yet. */
export function createLoginSession(): LoginSession {
  let valid = false
  return {
    get valid() {
      return valid
    },
    renew: () => void (valid = true),
    expire: () => void (valid = false),
  }
}
