import { hasHeader } from './body'
import type { DownloadOptions, RequestOptions, UploadOptions } from './client-types'
import type { ResolvedClientOptions } from './options'
import { or } from './or'
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

/** Normalises one call's options: method, JSON body, response type, timeout. */
export function toCallSpec(
  o: ResolvedClientOptions,
  kind: CallSpec['kind'],
  url: string,
  options: AnyOptions = {},
): CallSpec {
  const headers = Object.assign({}, options.headers)
  let body = options.body
  if (options.json !== undefined) {
    body = JSON.stringify(options.json)
    if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json'
  }
  const method = kind === 'request' ? options.method || 'GET' : kind === 'upload' ? 'POST' : 'GET'
  return Object.assign({}, options, {
    kind,
    url,
    headers,
    body,
    method: method.toUpperCase() as HttpMethod,
    responseType: kind === 'download' ? 'arraybuffer' : options.responseType || 'json',
    timeoutMs: or(options.timeoutMs, o.timeoutMs),
  })
}
