// The exchange itself (one attempt of a call) lives in `createClient`'s closure (client.ts).
import type { ClientResponse, DownloadOptions, RequestOptions, UploadOptions } from './client-types'
import type { HttpMethod, ResponseType } from './types'

/** Any call's options (internal: the union of the public option types). */
export type AnyOptions = RequestOptions & Partial<UploadOptions> & DownloadOptions

/** One call, normalised (internal): the caller's options plus what the client decided. */
export interface CallSpec extends AnyOptions {
  readonly kind: 'request' | 'upload' | 'download'
  readonly method: HttpMethod
  readonly url: string
  readonly headers: Record<string, string>
  readonly responseType: ResponseType
  readonly timeoutMs: number
}

/**
 * A response plus what the call flow needs to judge it (internal): the generation the request
 * was sent under, the URL it went to (after `beforeRequest`), whether the platform hid headers
 * the login may have needed, whether the answer says the request's session changes missed the
 * session (409 `SESSION_CONFLICT`, or a new session the client did not adopt), and the token
 * the request carried.
 */
export type Exchanged = readonly [
  response: ClientResponse<never>,
  generation: number,
  url: string,
  restricted: boolean | undefined,
  conflict: boolean,
  token: string | undefined,
]
