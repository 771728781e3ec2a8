import { AbortError } from '../errors/abort-error'
import { HeaderSessionError } from '../errors/header-session-error'
import { NetworkError } from '../errors/network-error'
import { TimeoutError } from '../errors/timeout-error'
import { createAbortController } from './abort'
import { decodeBody } from './body'
import type {
  ClientResponse,
  DownloadOptions,
  RequestContext,
  RequestOptions,
  UploadOptions,
} from './client-types'
import { toResponseHeaders, withoutHeader } from './headers'
import { createLimiter } from './limiter'
import type { ResolvedClientOptions } from './options'
import type { Session } from './session'
import { after } from './timers'
import type {
  AbortSignalLike,
  HttpMethod,
  RawHeaders,
  ResponseType,
  TransportRequest,
} from './types'
import { buildURL, originOf } from './url'

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

/** A response plus what the call flow needs to judge it (internal). */
export interface Exchanged {
  readonly response: ClientResponse<never>
  /** Generation the request was sent under. */
  readonly generation: number
  /** URL it was sent to (after `beforeRequest`). */
  readonly url: string
  /** The platform hid headers the login may have needed. */
  readonly restricted: boolean
}

/** Sends one attempt of a call: hooks, session header, concurrency slot, timeout and abort. */
export type Exchange = (spec: CallSpec, urgent: boolean) => Promise<Exchanged>

/** Creates the exchange function of one client. */
export function createExchange(o: ResolvedClientOptions, session: Session): Exchange {
  const { headerName, hooks } = o
  const limiter = createLimiter(o.maxConcurrent, o.maxQueue)
  return async (spec, urgent) => {
    const context: RequestContext = {
      url: buildURL(o.baseURL, spec.url, spec.query),
      headers: Object.assign({}, o.headers, spec.headers),
      method: spec.method,
      kind: spec.kind,
    }
    if (hooks.beforeRequest) await hooks.beforeRequest(context)
    const url = context.url
    // The token goes only to the API's own origin, and only that origin may change it.
    const own = originOf(url) === originOf(o.baseURL)
    const headers = withoutHeader(context.headers, headerName)
    let generation = 0
    let problem: unknown
    const writes: Array<Promise<unknown>> = []
    const onHeaders = (raw: RawHeaders | undefined): void => {
      if (own) writes.push(session.apply(generation, raw).catch((e) => (problem = problem || e)))
    }
    const raw = await limiter(
      () =>
        guard(spec, (signal) => {
          // The generation and token of the moment the request leaves, not when it was queued.
          generation = session.generation
          if (own && session.token) headers[headerName] = session.token
          const request = Object.assign({}, spec, { url, headers, signal, onHeaders })
          return o.transport.send(request as TransportRequest).then((res) => {
            // Also for a late answer, after a timeout: a token issued meanwhile is not lost.
            onHeaders(res.headers)
            return res
          })
        }),
      urgent,
      spec.signal,
    )
    await Promise.all(writes)
    if (problem) throw problem
    const status = raw.status
    const response = {
      status,
      ok: status >= 200 && status < 300,
      headers: toResponseHeaders(raw.headers || {}),
      data: decodeBody(raw.body, spec.responseType) as never,
      filePath: raw.filePath,
    }
    if (hooks.afterResponse) await hooks.afterResponse(response, context)
    return { response, generation, url, restricted: !!raw.headersRestricted }
  }
}

/**
 * Runs `send` under the call's signal and timeout: settles at the first of the answer, the
 * abort or the timeout, then aborts the platform task. Non-SDK failures become `NetworkError`.
 */
function guard<T>(spec: CallSpec, send: (signal: AbortSignalLike) => Promise<T>): Promise<T> {
  const outer = spec.signal
  return new Promise<T>((resolve, reject) => {
    const inner = createAbortController()
    const stop = (error?: unknown, value?: T): void => {
      cancel()
      if (outer) outer.removeEventListener('abort', onAbort)
      if (error === undefined) return resolve(value as T)
      reject(toError(error, spec.timeoutMs))
      inner.abort()
    }
    const onAbort = (): void => stop(new AbortError())
    const cancel = after(spec.timeoutMs, () => stop(new TimeoutError(spec.timeoutMs)))
    if (outer) outer.addEventListener('abort', onAbort)
    if (outer && outer.aborted) return onAbort()
    new Promise<T>((r) => r(send(inner.signal))).then(
      (value) => stop(undefined, value),
      (e) => stop(e || 'Network request failed'),
    )
  })
}

/** What a transport failed with, as an SDK error. */
function toError(e: unknown, timeoutMs: number): HeaderSessionError {
  if (e instanceof HeaderSessionError) return e
  const f = (e || {}) as { errMsg?: unknown; message?: unknown }
  const message = String(f.errMsg || f.message || e)
  // Platforms report their own timeouts in prose: `request:fail timeout`, `超时` (Alipay).
  return /timeout|超时/i.test(message)
    ? new TimeoutError(timeoutMs, { cause: e })
    : new NetworkError(message, { cause: e })
}
