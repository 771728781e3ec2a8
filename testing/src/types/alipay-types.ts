/**
 * The shapes of Alipay's `my` APIs the runtime implements, after Alipay's documentation
 * (AlipayDocs/open-docs, `mini/api/基础API/网络` and `缓存`).
 */

/** Response headers: a plain object. */
export type AlipayHeaders = Record<string, string>

/** What `fail` receives: an `error` code and an `errorMessage`; an HTTP error adds the answer. */
export interface AlipayFailure {
  error: number
  errorMessage: string
  status?: number
  headers?: AlipayHeaders
  data?: unknown
}

/** The callbacks every asynchronous `my` API takes. */
export interface AlipayCallbacks<R> {
  success?: (result: R) => void
  fail?: (failure: AlipayFailure) => void
  complete?: (result: R | AlipayFailure) => void
}

/** `my.request` options: request headers in `headers` (a `header` field is ignored). */
export interface AlipayRequestOptions extends AlipayCallbacks<AlipayRequestResult> {
  url: string
  /** GET or POST (PUT, DELETE need client 10.1.95). Default GET. */
  method?: string
  headers?: Record<string, string>
  data?: unknown
  /** ms, default 30 000, at most 60 000. */
  timeout?: number
  /** `json` (default), `text`, `base64`, `arraybuffer`. */
  dataType?: string
}

/** `my.request` success result: 2xx only; other statuses come to `fail` (error 19). */
export interface AlipayRequestResult {
  data: unknown
  status: number
  headers: AlipayHeaders
}

/** `my.uploadFile` options: `fileName` and `fileType` (`image`, `video`, `audio`) required. */
export interface AlipayUploadOptions extends AlipayCallbacks<AlipayUploadResult> {
  url: string
  filePath: string
  fileName?: string
  fileType?: string
  /** The field name on newer clients; older ones read `fileName`. */
  name?: string
  header?: Record<string, string>
  formData?: Record<string, unknown>
  timeout?: number
}

/** `my.uploadFile` success result, for every HTTP status; `statusCode` a string. */
export interface AlipayUploadResult {
  data: string
  statusCode: string
  header: AlipayHeaders
}

/** `my.downloadFile` options. */
export interface AlipayDownloadOptions extends AlipayCallbacks<AlipayDownloadResult> {
  url: string
  header?: Record<string, string>
}

/** `my.downloadFile` success result (2xx only): the saved file's path, nothing else. */
export interface AlipayDownloadResult {
  apFilePath: string
}

/** `my.request`'s and the others' task: `abort()` only. */
export interface AlipayTask {
  abort(): void
}

/** `my.getAuthCode` options. */
export interface AlipayAuthCodeOptions extends AlipayCallbacks<AlipayAuthCodeResult> {
  /** `auth_base` (silent) or `auth_user`; required. */
  scopes: string | string[]
}

/** `my.getAuthCode` success result. */
export interface AlipayAuthCodeResult {
  authCode: string
}

/** What `my.setStorageSync` and its siblings return: `{ success: true }` or the failure. */
export type AlipayStorageResult = { success: true } | AlipayFailure

/** `my.getStorageInfoSync()`: sizes in KB. */
export interface AlipayStorageInfo {
  keys: string[]
  currentSize: number
  limitSize: number
}
