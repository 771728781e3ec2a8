import type { DownloadOptions, RequestOptions, UploadOptions } from './client-types'
import { hasHeader } from './body'
import type { CallSpec } from './exchange'
import type { ResolvedClientOptions } from './options'
import type { HttpMethod } from './types'

/** Any call's options (internal: the union of the public option types). */
export type AnyOptions = RequestOptions & Partial<UploadOptions> & DownloadOptions

/** Normalises one call's options against the client's defaults (internal). */
export function toCallSpec(
  o: ResolvedClientOptions,
  kind: CallSpec['kind'],
  url: string,
  options: AnyOptions,
): CallSpec {
  const headers = Object.assign({}, options.headers)
  let body = options.body
  if (options.json !== undefined) {
    body = JSON.stringify(options.json)
    if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json'
  }
  const method = kind === 'request' ? options.method || 'GET' : kind === 'upload' ? 'POST' : 'GET'
  return {
    kind,
    method: method.toUpperCase() as HttpMethod,
    url,
    query: options.query,
    headers,
    body,
    responseType: kind === 'download' ? 'arraybuffer' : options.responseType || 'json',
    auth: options.auth ?? o.auth,
    timeoutMs: options.timeoutMs ?? o.timeoutMs,
    signal: options.signal,
    throwHttpErrors: options.throwHttpErrors ?? o.throwHttpErrors,
    name: options.name,
    filePath: options.filePath,
    file: options.file,
    formData: options.formData,
  }
}
