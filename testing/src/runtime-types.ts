import type { NetworkStats } from './network/network-stats'
import type { MiniPlatform, PlatformProfile } from './profiles/platform-profile'
import type { AlipayStorage } from './storage/alipay-storage'
import type { WxStorage } from './storage/wechat-storage'
import type {
  AlipayAuthCodeOptions,
  AlipayDownloadOptions,
  AlipayRequestOptions,
  AlipayTask,
  AlipayUploadOptions,
} from './types/alipay-types'
import type {
  WxCallbackResult,
  WxCheckSessionOptions,
  WxDownloadOptions,
  WxLoginOptions,
  WxRequestOptions,
  WxTask,
  WxUploadOptions,
  WxWeRunDataOptions,
} from './types/wechat-types'

/** Counters of a runtime: network calls, slots, and logins. */
export interface RuntimeStats extends NetworkStats {
  /** Calls of the login API (`wx.login`, `my.getAuthCode`, ...). */
  logins: number
}

/** What every runtime has besides the platform's API: what tests look at and control. */
export interface RuntimeControl {
  /** The platform played. */
  readonly platform: MiniPlatform
  /** What the runtime knows of it (methods, limits, timeouts...). */
  readonly profile: PlatformProfile
  readonly stats: Readonly<RuntimeStats>
  /** Errors that callbacks threw (see the `onError` option). */
  readonly errors: unknown[]
  /** Resolves once no call or login runs or waits, including those callbacks started. */
  settled(): Promise<void>
  /**
   * Aborts what runs and runs no callback any more: call it before a page's environment goes
   * away, or a late answer would touch a torn-down page.
   */
  close(): void
}

/** A WeChat-shaped platform object (`wx`, `qq`, `tt`, `swan`) on Node. */
export interface MiniRuntime extends RuntimeControl, WxStorage {
  request(options: WxRequestOptions): WxTask
  uploadFile(options: WxUploadOptions): WxTask
  downloadFile(options: WxDownloadOptions): WxTask
  login(options?: WxLoginOptions): void
}

/** Alipay's `my` on Node. */
export interface AlipayRuntime extends RuntimeControl, AlipayStorage {
  request(options: AlipayRequestOptions): AlipayTask
  uploadFile(options: AlipayUploadOptions): AlipayTask
  downloadFile(options: AlipayDownloadOptions): AlipayTask
  getAuthCode(options: AlipayAuthCodeOptions): void
}

/** What a `wx` runtime adds for tests: the platform login behind `wx.checkSession`. */
export interface WxControl {
  /**
   * The session_key of the last `wx.login` expires now, as when the user stayed away long or
   * a login elsewhere replaced it: `wx.checkSession` fails until a `wx.login` gets a code.
   */
  expireSessionKey(): void
}

/** WeChat's `wx` on Node: the WeChat-shaped runtime, and WeChat's open APIs it plays. */
export interface WxRuntime extends MiniRuntime, WxControl {
  /**
   * `success` while the last `wx.login`'s session is good, `fail` before any login and after
   * `expireSessionKey()`; a promise without callbacks.
   */
  checkSession(options?: Record<string, never>): Promise<WxCallbackResult>
  checkSession(options: WxCheckSessionOptions): void
  /** The user's encrypted steps from the `weRun` option; `fail` (`auth deny`) without it. */
  getWeRunData(options?: WxWeRunDataOptions): void
}
