/**
 * The two contracts a platform provides: a {@link Transport} that sends one request, and a
 * {@link Storage} that persists one string. `core/` knows nothing else about its platform.
 */

/** HTTP methods the client sends. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS'

/**
 * A header value as a platform reports it: usually a string; an array on some platforms (iOS
 * `uploadFile`); duplicated headers often arrive comma-joined in one string.
 */
export type HeaderValue = string | readonly string[] | number | null | undefined

/** Response headers as the platform reports them, with whatever casing it chose. */
export type RawHeaders = { readonly [name: string]: HeaderValue }

/** How the response body is decoded. `json` falls back to text when the body is not JSON. */
export type ResponseType = 'json' | 'text' | 'arraybuffer'

/** A value or a promise of it (storages may be synchronous or asynchronous). */
export type MaybePromise<T> = T | PromiseLike<T>

/** The part of `AbortSignal` the SDK uses; DOM and Node signals fit, so does {@link createAbortController}'s. */
export interface AbortSignalLike {
  readonly aborted: boolean
  addEventListener(type: 'abort', listener: () => void): void
  removeEventListener(type: 'abort', listener: () => void): void
}

/**
 * Options a platform's own call takes besides the SDK's (`enableHttp2` for `wx.request`, `cache`
 * for `fetch`, ...). Each transport names its own; this is the untyped default.
 */
export type PlatformRequestOptions = Readonly<Record<string, unknown>>

interface TransportRequestBase<PlatformOptions extends object> {
  /** Absolute URL, query included. Never contains the session token. */
  readonly url: string
  /** Request headers, the session header included when there is a token. */
  readonly headers: Readonly<Record<string, string>>
  /**
   * The caller's per-attempt limit, if it set one: give it to the platform. Without it the
   * platform's own default applies (WeChat: `app.json` `networkTimeout.request`). The client's
   * own timer ends the attempt either way.
   */
  readonly timeoutMs?: number
  /** Aborted on timeout or by the caller: cancel the platform task. */
  readonly signal: AbortSignalLike
  /**
   * Report response headers as soon as they are known. Uploads and downloads must call it
   * (WeChat's `onHeadersReceived`), since their results carry no headers.
   */
  readonly onHeaders: (headers: RawHeaders) => void
  /**
   * For the platform's own call: the client's `platformOptions` with the call's laid over them.
   * Pass them on under the SDK's own fields, which win.
   */
  readonly platformOptions?: Readonly<PlatformOptions>
}

/** An ordinary HTTP request. */
export interface HttpTransportRequest<
  PlatformOptions extends object = PlatformRequestOptions,
> extends TransportRequestBase<PlatformOptions> {
  readonly kind: 'request'
  readonly method: HttpMethod
  /** Already encoded. */
  readonly body?: string | ArrayBuffer
  readonly responseType: ResponseType
}

/** A multipart file upload (`wx.uploadFile`, or `FormData` for fetch). */
export interface UploadTransportRequest<
  PlatformOptions extends object = PlatformRequestOptions,
> extends TransportRequestBase<PlatformOptions> {
  readonly kind: 'upload'
  /** Form field name of the file. */
  readonly name: string
  /** Mini-programs: local file path. */
  readonly filePath?: string
  /** fetch: a `Blob`/`File`. */
  readonly file?: unknown
  readonly formData?: Readonly<Record<string, string>>
}

/** A file download (`wx.downloadFile`, or the body as an `ArrayBuffer` for fetch). */
export interface DownloadTransportRequest<
  PlatformOptions extends object = PlatformRequestOptions,
> extends TransportRequestBase<PlatformOptions> {
  readonly kind: 'download'
  /** Mini-programs: where to save the file. */
  readonly filePath?: string
}

/** What a transport is asked to do. */
export type TransportRequest<PlatformOptions extends object = PlatformRequestOptions> =
  | HttpTransportRequest<PlatformOptions>
  | UploadTransportRequest<PlatformOptions>
  | DownloadTransportRequest<PlatformOptions>

/** What a transport reports back, for every HTTP status (a 401 is a response, not a failure). */
export interface TransportResponse {
  readonly status: number
  readonly headers: RawHeaders
  /** Raw or platform-decoded body; the client decodes strings per `responseType`. */
  readonly body?: unknown
  /** Downloads: where the platform saved the file. */
  readonly filePath?: string
  /** The platform hides non-exposed headers (a cross-origin browser response). */
  readonly headersRestricted?: boolean
}

/**
 * Sends one request. Resolve for every HTTP status; reject only when no HTTP answer came, with an
 * SDK error, or with anything else: a failure whose `errMsg`/`message` says `timeout` becomes a
 * `TimeoutError`, the rest a `NetworkError` (the original in `cause`).
 */
export interface Transport<PlatformOptions extends object = PlatformRequestOptions> {
  send(request: TransportRequest<PlatformOptions>): Promise<TransportResponse>
  /** How many requests the platform runs at once (WeChat: 10). Unlimited when absent. */
  readonly maxConcurrent?: number
}

/** Persists the token across restarts: get, set and remove one string under a key. */
export interface Storage {
  get(key: string): MaybePromise<string | null | undefined>
  set(key: string, value: string): MaybePromise<void>
  remove(key: string): MaybePromise<void>
}
