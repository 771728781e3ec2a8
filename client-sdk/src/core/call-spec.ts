import type { ClientResponse, DownloadOptions, RequestOptions, UploadOptions } from './client-types'
import type { HttpMethod, ResponseType } from './types'

/**
 * Any call's options (internal: the union of the public option types, whatever the platform
 * options' type).
 */
export type AnyOptions = RequestOptions<object> &
  Partial<UploadOptions<object>> &
  DownloadOptions<object>

/** One call, normalised (internal): the caller's options plus what the client decided. */
export interface CallSpec extends AnyOptions {
  readonly kind: 'request' | 'upload' | 'download'
  readonly method: HttpMethod
  readonly url: string
  readonly headers: Record<string, string>
  readonly responseType: ResponseType
  /** The caller's limit (the call's, else the client's), if it set one. */
  readonly timeoutMs: number | undefined
}

/** One attempt of a call, and what the call flow needs to judge its answer (internal). */
export interface Attempt {
  readonly response: ClientResponse<never>
  /** The generation the request was sent under. */
  readonly generation: number
  /** The URL it went to, after `beforeRequest`. */
  readonly url: string
  /** The platform hid headers (a cross-origin browser answer) the login may have needed. */
  readonly headersRestricted: boolean | undefined
  /**
   * The request's session changes missed the session the client holds: a 409
   * `SESSION_CONFLICT`, or a new session the generation rule kept the client from adopting.
   */
  readonly conflict: boolean
  /** The token the request carried, if any. */
  readonly sentToken: string | undefined
}
