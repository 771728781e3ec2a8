import type { RawHeaders } from '../core/types'

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

/** A request/upload/download task (`RequestTask`, `UploadTask`, `DownloadTask`). */
export interface MiniTask {
  abort?(): void
  onHeadersReceived?(listener: (result: { header?: RawHeaders }) => void): void
}

/** Options the SDK passes to `request`, `uploadFile` and `downloadFile`. */
export interface MiniCallOptions extends MiniCallbacks<MiniResult> {
  url: string
  header?: Readonly<Record<string, string>>
  timeout?: number
  method?: string
  data?: string | ArrayBuffer
  dataType?: string
  responseType?: string
  filePath?: string
  name?: string
  formData?: Readonly<Record<string, string>>
}

/** The network part of a mini-program global (`wx`, `tt`, `qq`, `swan`, `uni`, `Taro`). */
export interface MiniNetworkApi {
  request(options: MiniCallOptions): unknown
  uploadFile?(options: MiniCallOptions): unknown
  downloadFile?(options: MiniCallOptions): unknown
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
}
