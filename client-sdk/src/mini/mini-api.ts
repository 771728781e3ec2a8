import type { RawHeaders } from '../core/types'
import type { MiniMethod } from './mini-methods'

/** What a mini-program API passes to `fail`: `request:fail timeout` ... */
export interface MiniFailure {
  errMsg?: string
  /** WeChat since base library 2.24.0 (RequestFailCallbackErr, miniprogram-api-typings 5.2.3). */
  errno?: number
}

/** What a mini-program API passes to `success` (request, upload or download). */
export interface MiniResult {
  statusCode?: number | string
  header?: RawHeaders
  data?: unknown
  tempFilePath?: string
  filePath?: string
}

/** Callbacks every mini-program API takes. */
export interface MiniCallbacks<R> {
  success?: (result: R) => void
  fail?: (failure: MiniFailure) => void
}

/** What `onHeadersReceived` reports (no `statusCode` in WeChat's developer tools). */
export interface MiniHeadersResult {
  header?: RawHeaders
  statusCode?: number
}

/** A request/upload/download task (`RequestTask`, `UploadTask`, `DownloadTask`). */
export interface MiniTask {
  abort?(): void
  onHeadersReceived?(listener: (result: MiniHeadersResult) => void): void
}

/**
 * What every call the SDK makes is given. The option types below are each assignable to
 * WeChat's own (`RequestOption`, `UploadFileOption`, `DownloadFileOption` in
 * miniprogram-api-typings 5.2.3), so the typings' `wx` fits {@link MiniNetworkApi}.
 */
export interface MiniCommonOptions extends MiniCallbacks<MiniResult> {
  url: string
  header: Readonly<Record<string, string>>
  /** Only when the caller set one: otherwise `app.json` `networkTimeout` applies. */
  timeout?: number
}

/** Options the SDK passes to `request`. */
export interface MiniRequestOptions extends MiniCommonOptions {
  method: MiniMethod
  data?: string | ArrayBuffer
  /** Always `text`: anything but `json` hands over the raw body, which the client decodes. */
  dataType: string
  responseType: 'text' | 'arraybuffer'
}

/** Options the SDK passes to `uploadFile`. */
export interface MiniUploadOptions extends MiniCommonOptions {
  name: string
  filePath: string
  formData?: Readonly<Record<string, string>>
}

/** Options the SDK passes to `downloadFile`. */
export interface MiniDownloadOptions extends MiniCommonOptions {
  filePath?: string
}

/** Options of any of the three calls. */
export type MiniCallOptions = MiniRequestOptions | MiniUploadOptions | MiniDownloadOptions

/** The network part of a mini-program global (`wx`, `tt`, `qq`, `swan`, `uni`, `Taro`). */
export interface MiniNetworkApi {
  request(options: MiniRequestOptions): unknown
  uploadFile?(options: MiniUploadOptions): unknown
  downloadFile?(options: MiniDownloadOptions): unknown
}

/** The synchronous storage part of a mini-program global (all but Alipay). */
export interface MiniStorageApi {
  getStorageSync(key: string): unknown
  setStorageSync(key: string, data: string): void
  removeStorageSync(key: string): void
}

/** The login part of a mini-program global (`wx.login` and its siblings). */
export interface MiniLoginApi {
  login(options: MiniCallbacks<{ code?: string }>): unknown
  /**
   * Whether the `session_key` of the last `login` is still valid: `success` if it is, `fail` if
   * it expired or was replaced (https://developers.weixin.qq.com/miniprogram/dev/api/open-api/login/wx.checkSession.html).
   * `tt`, `qq`, `swan`, `uni` and `Taro` have it too; Alipay has none.
   */
  checkSession?(options: MiniCallbacks<unknown>): unknown
}
