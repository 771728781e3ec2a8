/**
 * The shapes of the `wx` APIs the runtime implements, as WeChat documents them (a subset of
 * `miniprogram-api-typings`, kept here so the runtime depends on no SDK and no typings package).
 */

/** Response headers: a plain object, names as the server sent them (or lowercase, see `http2`). */
export type WxHeader = Record<string, string>

/** What every `fail` callback receives. */
export interface WxFailure {
  errMsg: string
}

/** The callbacks every asynchronous `wx` API takes. */
export interface WxCallbacks<R> {
  success?: (result: R) => void
  fail?: (failure: WxFailure) => void
  complete?: (result: R | WxFailure) => void
}

/** `wx.request` options. */
export interface WxRequestOptions extends WxCallbacks<WxRequestResult> {
  url: string
  method?: string
  /** An object (JSON body, or the query string of a GET), a string or an `ArrayBuffer`. */
  data?: unknown
  header?: Record<string, string>
  /** Milliseconds; default the runtime's `timeoutMs` (WeChat: 60 000). */
  timeout?: number
  /** `json` (default): parse the body when it is JSON. Anything else: leave it a string. */
  dataType?: string
  /** `text` (default) or `arraybuffer`. */
  responseType?: string
  /** WeChat lowercases response header names over HTTP/2. */
  enableHttp2?: boolean
}

/** `wx.request` success result: it arrives for every HTTP status. */
export interface WxRequestResult {
  data: unknown
  statusCode: number
  header: WxHeader
  cookies: string[]
  errMsg: string
}

/** `wx.uploadFile` options. */
export interface WxUploadOptions extends WxCallbacks<WxUploadResult> {
  url: string
  filePath: string
  name: string
  header?: Record<string, string>
  formData?: Record<string, unknown>
  timeout?: number
  enableHttp2?: boolean
}

/** `wx.uploadFile` success result: no `header` (see `onHeadersReceived`). */
export interface WxUploadResult {
  data: string
  statusCode: number
  errMsg: string
}

/** `wx.downloadFile` options. */
export interface WxDownloadOptions extends WxCallbacks<WxDownloadResult> {
  url: string
  header?: Record<string, string>
  /** Where to save; default a temp file (`tempFilePath`). */
  filePath?: string
  timeout?: number
  enableHttp2?: boolean
}

/** `wx.downloadFile` success result: no `header` (see `onHeadersReceived`). */
export interface WxDownloadResult {
  tempFilePath?: string
  filePath?: string
  statusCode: number
  errMsg: string
}

/** `RequestTask`, `UploadTask`, `DownloadTask`: the parts the runtime implements. */
export interface WxTask {
  abort(): void
  onHeadersReceived(listener: (result: { header: WxHeader }) => void): void
  offHeadersReceived(listener?: (result: { header: WxHeader }) => void): void
}

/** `wx.login` success result. */
export interface WxLoginResult {
  code: string
  errMsg: string
}

/** `wx.login` options. */
export interface WxLoginOptions extends WxCallbacks<WxLoginResult> {
  timeout?: number
}

/** `wx.getStorageInfoSync()`: sizes in KB, as WeChat reports them. */
export interface WxStorageInfo {
  keys: string[]
  currentSize: number
  limitSize: number
}
