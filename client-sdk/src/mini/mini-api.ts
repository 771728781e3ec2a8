import type { RawHeaders } from '../core/types'

/** What a mini-program API passes to `fail`. */
export interface MiniFailure {
  /** WeChat, ByteDance, QQ, Baidu, uni-app, Taro: `request:fail timeout` ... */
  errMsg?: string
  /** Alipay: `error` code and `errorMessage`. */
  error?: number
  errorMessage?: string
  /** Alipay reports HTTP errors through `fail`, with the response. */
  status?: number | string
  statusCode?: number | string
  header?: RawHeaders
  headers?: RawHeaders
  data?: unknown
}

/** What a mini-program API passes to `success` (request, upload or download). */
export interface MiniResult {
  /** Most platforms. Alipay `uploadFile` gives a string. */
  statusCode?: number | string
  /** Alipay `my.request`. */
  status?: number | string
  header?: RawHeaders
  headers?: RawHeaders
  data?: unknown
  tempFilePath?: string
  filePath?: string
  /** Alipay `downloadFile`. */
  apFilePath?: string
}

/** Callbacks every mini-program API takes. */
export interface MiniCallbacks<R> {
  success?: (result: R) => void
  fail?: (failure: MiniFailure) => void
}

/** A request/upload/download task (`RequestTask`, `UploadTask`, `DownloadTask`). */
export interface MiniTask {
  abort?(): void
  onHeadersReceived?(
    listener: (result: { header?: RawHeaders; headers?: RawHeaders }) => void,
  ): void
}

/** Options the SDK passes to `request`, `uploadFile` and `downloadFile`. */
export interface MiniCallOptions extends MiniCallbacks<MiniResult> {
  url: string
  /** `header` on most platforms, `headers` on Alipay's `my.request`. */
  header?: Record<string, string>
  headers?: Record<string, string>
  timeout?: number
  method?: string
  data?: string | ArrayBuffer
  dataType?: string
  responseType?: string
  filePath?: string
  name?: string
  fileName?: string
  fileType?: string
  formData?: Record<string, string>
}

/** The network part of a mini-program global (`wx`, `my`, `tt`, `qq`, `swan`, `uni`, `Taro`). */
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
