import { decodeBody } from './body'
import type {
  ClientResponse,
  DownloadOptions,
  RequestContext,
  RequestOptions,
  UploadOptions,
} from './client-types'
import { toResponseHeaders, withoutHeader } from './headers'
import { createSlots } from './slots'
import type { ResolvedClientOptions } from './options'
import type { Session } from './session'
import type { HttpMethod, RawHeaders, ResponseType, TransportRequest } from './types'
import { buildURL, originOf } from './url'
import { assign, noop } from './util'

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
 * was sent under, the URL it went to (after `beforeRequest`), and whether the platform hid
 * headers the login may have needed.
 */
export type Exchanged = readonly [
  response: ClientResponse<never>,
  generation: number,
  url: string,
  restricted: boolean | undefined,
]

/** Sends one attempt of a call: hooks, session header, concurrency slot, timeout and abort. */
export type Exchange = (spec: CallSpec, urgent: boolean) => Promise<Exchanged>

/** Creates the exchange function of one client. */
export function createExchange(o: ResolvedClientOptions, session: Session): Exchange {
  const { headerName, hooks } = o
  const slots = createSlots(o.maxConcurrent, o.maxQueue)
  return async (spec, urgent) => {
    const context: RequestContext = {
      url: buildURL(o.baseURL, spec.url, spec.query),
      headers: assign({}, o.headers, spec.headers),
      method: spec.method,
      kind: spec.kind,
    }
    if (hooks.beforeRequest) await hooks.beforeRequest(context)
    const url = context.url
    // The token goes only to the API's own origin, and only that origin may change it.
    const own = originOf(url) === originOf(o.baseURL)
    const headers = withoutHeader(context.headers, headerName)
    let generation = 0
    // Header inspections (and the storage writes they start), the first failure kept. One that
    // comes after the call settled (a late answer) fails nobody.
    let applied: Promise<unknown> = Promise.resolve()
    const onHeaders = (raw: RawHeaders | undefined): void => {
      if (own) (applied = Promise.all([applied, session.apply(generation, raw)])).catch(noop)
    }
    const raw = await slots(
      (signal) => {
        // The generation and token of the moment the request leaves, not when it was queued.
        generation = session.generation
        if (own && session.token) headers[headerName] = session.token
        const request = assign({}, spec, { url, headers, signal, onHeaders })
        return o.transport.send(request as TransportRequest).then((res) => {
          // Also for a late answer, after a timeout: a token issued meanwhile is not lost.
          onHeaders(res.headers)
          return res
        })
      },
      urgent,
      spec.timeoutMs,
      spec.signal,
    )
    await applied
    const status = raw.status
    const response = {
      status,
      ok: status >= 200 && status < 300,
      headers: toResponseHeaders(raw.headers || {}),
      data: decodeBody(raw.body, spec.responseType) as never,
      filePath: raw.filePath,
    }
    if (hooks.afterResponse) await hooks.afterResponse(response, context)
    return [response, generation, url, raw.headersRestricted] as const
  }
}
