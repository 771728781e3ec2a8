import type { RawHeaders, Transport, TransportResponse } from '../core/types'
import { OptionsError } from '../errors/options-error'
import type {
  AbortControllerHost,
  FetchInitLike,
  FetchLike,
  FetchPlatformOptions,
  FormDataLike,
} from './fetch-types'

// Browser and Node 20 globals, declared module-locally: core/ never sees them.
declare const fetch: FetchLike | undefined
declare const AbortController: (new () => AbortControllerHost) | undefined
declare const FormData: (new () => FormDataLike) | undefined

/** Options of {@link createFetchTransport}. */
export interface FetchTransportOptions {
  /** Default: the global `fetch`. */
  fetch?: FetchLike
  /**
   * Default `omit`: header sessions need no cookies, and without credentials the server may
   * answer CORS with a concrete origin list and no `Allow-Credentials`.
   */
  credentials?: 'omit' | 'same-origin' | 'include'
  /** Requests at once. Default: unlimited. */
  maxConcurrent?: number
}

/**
 * A transport over `fetch` (browsers, Node 18+). Uploads send `FormData` with the call's `file`
 * (a `Blob`); downloads return the body as an `ArrayBuffer`. Cross-origin answers are flagged,
 * so a login that cannot see its token fails with `HeaderNotExposedError`.
 *
 * @throws OptionsError when there is no `fetch`.
 * @example
 * ```ts
 * createClient({ baseURL: 'https://api.example.com', transport: createFetchTransport() })
 * ```
 */
export function createFetchTransport(
  options: FetchTransportOptions = {},
): Transport<FetchPlatformOptions> {
  const run = options.fetch || (typeof fetch === 'function' ? fetch : undefined)
  if (typeof run !== 'function') throw new OptionsError('fetch', 'a fetch function', run)
  const credentials = options.credentials ?? 'omit'
  return {
    maxConcurrent: options.maxConcurrent,
    async send(request): Promise<TransportResponse> {
      const controller = typeof AbortController === 'function' ? new AbortController() : undefined
      request.signal.addEventListener('abort', () => controller && controller.abort())
      let body: unknown
      if (request.kind === 'request') body = request.body
      if (request.kind === 'upload') {
        if (typeof FormData !== 'function' || !request.file) {
          throw new OptionsError(
            'file',
            'a Blob for fetch uploads (filePath is for mini-programs)',
            request.file,
          )
        }
        const form = new FormData()
        const fields = request.formData || {}
        Object.keys(fields).forEach((name) => form.append(name, fields[name]))
        form.append(request.name, request.file)
        body = form
      }
      const method =
        request.kind === 'request' ? request.method : request.kind === 'upload' ? 'POST' : 'GET'
      const init: FetchInitLike = Object.assign({}, request.platformOptions, {
        method,
        headers: request.headers,
        body,
        signal: controller && controller.signal,
        credentials,
      })
      const response = await run(request.url, init)
      const headers: Record<string, string> = {}
      response.headers.forEach((value, name) => (headers[name] = value))
      const raw: RawHeaders = headers
      request.onHeaders(raw)
      const binary =
        request.kind === 'download' ||
        (request.kind === 'request' && request.responseType === 'arraybuffer')
      return {
        status: response.status,
        headers: raw,
        body: binary ? await response.arrayBuffer() : await response.text(),
        headersRestricted: response.type === 'cors',
      }
    },
  }
}
