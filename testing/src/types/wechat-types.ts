/**
 * The shapes of the WeChat-style APIs the runtime implements (`wx`, `qq`, `tt`, `swan`), after
 * WeChat's typings (miniprogram-api-typings 5.2.3). Kept here so that the runtime depends on no
 * typings package; fields only some platforms report are optional.
 */

/** Response headers: a plain object; names as the server sent them, or lower case. */
export type WxHeader = Record<string, string>

/** What every `fail` callback receives: `errMsg`, and on WeChat `errno` (base library 2.24.0). */
export interface WxFailure {
  errMsg: string
  errno?: number
}

/** The callbacks every asynchronous API takes. */
export interface WxCallbacks<R> {
  success?: (result: R) => void
  fail?: (failure: WxFailure) => void
  complete?: (result: R | WxFailure) => void
}

/** Options every network call takes. */
export interface WxNetworkOptions {
  url: string
  /** Request headers. `Referer` cannot be set (nor `User-Agent` on ByteDance). */
  header?: Record<string, string>
  /** ms; default `app.json` `networkTimeout`, else the platform's (WeChat: 60 000, the most). */
  timeout?: number
  /** WeChat: response header names in lower case, as over HTTP/2 (base library 2.10.4). */
  enableHttp2?: boolean
  /** WeChat options the runtime accepts and ignores (no QUIC, cache or cellular on Node). */
  enableQuic?: boolean
  enableCache?: boolean
  enableProfile?: boolean
  forceCellularNetwork?: boolean
  useHighPerformanceMode?: boolean
}

/** `request` options. */
export interface WxRequestOptions extends WxNetworkOptions, WxCallbacks<WxRequestResult> {
  /** Upper case, one of the platform's list; default GET. */
  method?: string
  /** An object (JSON body, form, or the query string of a GET), a string or an `ArrayBuffer`. */
  data?: unknown
  /** `json` (default): parse the body when it is JSON. Anything else: leave it a string. */
  dataType?: string
  /** `text` (default) or `arraybuffer`. */
  responseType?: string
  /** WeChat (base library 3.2.2): `manual` stops at a 3xx (see `onHeadersReceived`). */
  redirect?: 'follow' | 'manual'
}

/** `request` success result: it arrives for every HTTP status. */
export interface WxRequestResult {
  data: unknown
  statusCode: number
  header: WxHeader
  /** WeChat only (base library 2.10.0): every `Set-Cookie` value. */
  cookies?: string[]
  /** `request:ok`; Baidu reports none. */
  errMsg?: string
}

/** `uploadFile` options. */
export interface WxUploadOptions extends WxNetworkOptions, WxCallbacks<WxUploadResult> {
  filePath: string
  name: string
  formData?: Record<string, unknown>
}

/** `uploadFile` success result: no `header` (see `onHeadersReceived`). */
export interface WxUploadResult {
  data: string
  statusCode: number
  errMsg: string
}

/** `downloadFile` options. */
export interface WxDownloadOptions extends WxNetworkOptions, WxCallbacks<WxDownloadResult> {
  /** Where to save; default a temp file (`tempFilePath`). */
  filePath?: string
}

/** `downloadFile` success result: no `header` (see `onHeadersReceived`). */
export interface WxDownloadResult {
  tempFilePath?: string
  filePath?: string
  statusCode: number
  errMsg: string
}

/**
 * What `onHeadersReceived` gets: `{ header }`; on a WeChat request task also `statusCode` and
 * `cookies` (RequestTaskOnHeadersReceivedListenerResult).
 */
export interface WxHeadersReceived {
  header: WxHeader
  statusCode?: number
  cookies?: string[]
}

/** `RequestTask`, `UploadTask`, `DownloadTask`: the parts the runtime implements. */
export interface WxTask {
  abort(): void
  onHeadersReceived(listener: (result: WxHeadersReceived) => void): void
  offHeadersReceived(listener?: (result: WxHeadersReceived) => void): void
}

/** `login` success result. */
export interface WxLoginResult {
  code: string
  errMsg: string
}

/** `login` options. */
export interface WxLoginOptions extends WxCallbacks<WxLoginResult> {
  timeout?: number
}

/** `getStorageInfoSync()`: sizes in KB, as WeChat reports them. */
export interface WxStorageInfo {
  keys: string[]
  currentSize: number
  limitSize: number
}

/** What `checkSession` answers, either way (GeneralCallbackResult, TYPINGS:5358). */
export interface WxCallbackResult {
  errMsg: string
}

/** `checkSession` options (CheckSessionOption, TYPINGS:3725). */
export type WxCheckSessionOptions = WxCallbacks<WxCallbackResult>

/** `getWeRunData` success result (GetWeRunDataSuccessCallbackResult, TYPINGS:6747). */
export interface WxWeRunDataResult {
  /** The open data `{ stepInfoList, watermark }`, AES-128-CBC with the user's session_key. */
  encryptedData: string
  iv: string
  /** Only for mini-programs with cloud development (base library 2.7.0). */
  cloudID?: string
  errMsg: string
}

/** `getWeRunData` options (GetWeRunDataOption). */
export type WxWeRunDataOptions = WxCallbacks<WxWeRunDataResult>
