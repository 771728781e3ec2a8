import type { SessionRejection } from '../errors/session-expired-error'
import type { StorageError } from '../errors/storage-error'
import type { ResponseHeaders } from './headers'
import type { SessionChangeEvent } from './session-change'
import type { AbortSignalLike, HttpMethod, PlatformRequestOptions, ResponseType } from './types'

/** Query parameters; `null`/`undefined` values are left out. */
export type Query = Record<string, string | number | boolean | null | undefined>

/** Options every call accepts (`PlatformOptions`: what the transport's platform call takes). */
export interface CallOptions<PlatformOptions extends object = PlatformRequestOptions> {
  /**
   * Extra request headers, over the client's `headers` (a name here, in any casing, replaces the
   * client's). The session header cannot be set here: the client owns it.
   */
  headers?: Record<string, string>
  /** Appended to the URL, encoded. */
  query?: Query
  /** May this call log in (before sending without a token, and once after a 401)? Default: the client's `auth`. */
  auth?: boolean
  /** Per-attempt limit in ms, given to the platform too. Default: the client's `timeoutMs`. */
  timeoutMs?: number
  /** Aborts the call (`AbortError`). Any `AbortSignal`, or {@link createAbortController}'s. */
  signal?: AbortSignalLike
  /**
   * Reject non-2xx answers with `HttpError`. Default: the client's `throwHttpErrors`. A session
   * conflict rejects with `SessionConflictError` either way.
   */
  throwHttpErrors?: boolean
  /**
   * Options of the platform's own call (`enableHttp2` for `wx.request`, ...), laid over the
   * client's `platformOptions`. The SDK's own fields (URL, headers, method, body, timeout,
   * callbacks) win.
   */
  platformOptions?: PlatformOptions
}

/** Options of `request` and the method shortcuts. */
export interface RequestOptions<
  PlatformOptions extends object = PlatformRequestOptions,
> extends CallOptions<PlatformOptions> {
  /** Default `GET`. */
  method?: HttpMethod
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown
  /** Sent as is (ignored when `json` is set). */
  body?: string | ArrayBuffer
  /** Default `json` (falls back to text when the body is not JSON). */
  responseType?: ResponseType
}

/** Options of `upload`. */
export interface UploadOptions<
  PlatformOptions extends object = PlatformRequestOptions,
> extends CallOptions<PlatformOptions> {
  /** Form field name of the file. */
  name: string
  /** Mini-programs: the local file path (`wx.chooseMedia` ...). */
  filePath?: string
  /** fetch: a `Blob` or `File`. */
  file?: unknown
  /** Extra form fields. */
  formData?: Record<string, string>
}

/** Options of `download`. */
export interface DownloadOptions<
  PlatformOptions extends object = PlatformRequestOptions,
> extends CallOptions<PlatformOptions> {
  /** Mini-programs: where to save the file. */
  filePath?: string
}

/** A response, for every status when `throwHttpErrors` is false. */
export interface ClientResponse<T = unknown> {
  readonly status: number
  /** `status` is 2xx. */
  readonly ok: boolean
  readonly headers: ResponseHeaders
  /** Decoded body: parsed JSON, text, or an `ArrayBuffer`. */
  readonly data: T
  /** Downloads: where the platform saved the file. */
  readonly filePath?: string
}

/** What `beforeRequest` may change, and what `afterResponse` sees. Never holds the token. */
export interface RequestContext {
  url: string
  headers: Record<string, string>
  readonly method: HttpMethod
  readonly kind: 'request' | 'upload' | 'download'
}

/** Hooks, each optional. */
export interface ClientHooks {
  /** Before every attempt (replays and login requests too). May change `url` and `headers`. */
  beforeRequest?(request: RequestContext): void | Promise<void>
  /** After every answer, before status handling. */
  afterResponse?(response: ClientResponse, request: RequestContext): void | Promise<void>
  /** The token changed (set, rotated, cleared). Never receives the full token. */
  onSessionChange?(event: SessionChangeEvent): void
  /** The server wants a login the client could not do (no `login`, `auth: false`, or a refused replay). */
  onLoginRequired?(event: { readonly reason: SessionRejection; readonly url: string }): void
  /** Storage failed. Without this hook the call during which it happened rejects with it. */
  onStorageError?(error: StorageError): void
}

/** Given to a `login` function: requests that skip the login queue and never log in. */
export interface LoginContext {
  request<T = unknown>(url: string, options?: RequestOptions): Promise<ClientResponse<T>>
}

/**
 * Logs in. The session header of its responses is stored as usual; it may also return the
 * token itself. It must throw (ideally a `LoginError`) when the login fails.
 */
export type LoginFunction = (context: LoginContext) => Promise<string | void>

/**
 * A client with sessions: every call carries and refreshes the token. `PlatformOptions`: the
 * options of its transport's platform call, which every call may pass.
 */
export interface Client<PlatformOptions extends object = PlatformRequestOptions> {
  /** Any method; see {@link RequestOptions}. */
  request<T = unknown>(
    url: string,
    options?: RequestOptions<PlatformOptions>,
  ): Promise<ClientResponse<T>>
  get<T = unknown>(
    url: string,
    options?: RequestOptions<PlatformOptions>,
  ): Promise<ClientResponse<T>>
  delete<T = unknown>(
    url: string,
    options?: RequestOptions<PlatformOptions>,
  ): Promise<ClientResponse<T>>
  /** Sends `json` as a JSON body. */
  post<T = unknown>(
    url: string,
    json?: unknown,
    options?: RequestOptions<PlatformOptions>,
  ): Promise<ClientResponse<T>>
  put<T = unknown>(
    url: string,
    json?: unknown,
    options?: RequestOptions<PlatformOptions>,
  ): Promise<ClientResponse<T>>
  patch<T = unknown>(
    url: string,
    json?: unknown,
    options?: RequestOptions<PlatformOptions>,
  ): Promise<ClientResponse<T>>
  /** Multipart upload; the response body is decoded as JSON when it parses. */
  upload<T = unknown>(
    url: string,
    options: UploadOptions<PlatformOptions>,
  ): Promise<ClientResponse<T>>
  /** Downloads a file (mini-programs: `filePath`; fetch: `data` is an `ArrayBuffer`). */
  download(
    url: string,
    options?: DownloadOptions<PlatformOptions>,
  ): Promise<ClientResponse<unknown>>
  /** Logs in now (joins a running login). Rejects with `LoginError` without a `login` option. */
  login(): Promise<void>
  /**
   * Makes sure the platform login behind the session is good before an action whose server side
   * needs it (WeChat's current `session_key`, to decrypt `wx.getWeRunData`): logs in (joining a
   * running login) when there is no token or the client's `checkSession` answers `false`.
   * Rejects as `login()` does.
   */
  checkSession(): Promise<void>
  /** Calls `logoutPath` (if set), then clears the token in memory and storage, whatever the answer. */
  logout(): Promise<void>
  /** Whether the client holds a token. */
  readonly hasSession: boolean
  /** The token, e.g. for a WebSocket handshake header. Never log it. */
  getToken(): string | null
}
