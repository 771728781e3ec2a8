import { AbortError } from '../errors/abort-error'
import { HeaderSessionError } from '../errors/header-session-error'
import { NetworkError } from '../errors/network-error'
import { TimeoutError } from '../errors/timeout-error'
import { createAbortController } from './abort'
import { decodeBody } from './body'
import type { ClientResponse, Query, RequestContext } from './client-types'
import { toResponseHeaders, withoutHeader } from './headers'
import type { Limiter } from './limiter'
import type { ResolvedClientOptions } from './options'
import type { Session } from './session'
import { after } from './timers'
import type {
  AbortSignalLike,
  HttpMethod,
  RawHeaders,
  ResponseType,
  TransportRequest,
  TransportResponse,
} from './types'
import { buildURL, originOf } from './url'

/** One call, normalised (internal). */
export interface CallSpec {
  readonly kind: 'request' | 'upload' | 'download'
  readonly method: HttpMethod
  readonly url: string
  readonly query?: Query
  readonly headers: Record<string, string>
  readonly body?: string | ArrayBuffer
  readonly responseType: ResponseType
  readonly auth: boolean
  readonly timeoutMs: number
  readonly signal?: AbortSignalLike
  readonly throwHttpErrors: boolean
  readonly name?: string
  readonly filePath?: string
  readonly file?: unknown
  readonly formData?: Record<string, string>
}

/** A response plus what the call flow needs to judge it (internal). */
export interface Exchanged {
  readonly response: ClientResponse
  /** Generation the request was sent under. */
  readonly generation: number
  readonly restricted: boolean
  readonly context: RequestContext
}

/** Sends one attempt of a call: hooks, session header, concurrency slot, timeout and abort. */
export type Exchange = (spec: CallSpec, urgent: boolean) => Promise<Exchanged>

/** Creates the exchange function of one client. */
export function createExchange(
  o: ResolvedClientOptions,
  session: Session,
  limiter: Limiter,
): Exchange {
  const baseOrigin = originOf(o.baseURL)

  return async (spec, urgent) => {
    const context: RequestContext = {
      url: buildURL(o.baseURL, spec.url, spec.query),
      headers: Object.assign({}, o.headers, spec.headers),
      method: spec.method,
      kind: spec.kind,
    }
    if (o.hooks.beforeRequest) await o.hooks.beforeRequest(context)
    // The token goes only to the API's own origin, and only that origin may change it.
    const own = originOf(context.url) === baseOrigin
    const headers = withoutHeader(context.headers, o.headerName)
    let generation = 0
    let problem: unknown
    const writes: Array<Promise<void>> = []
    const inspect = (raw: RawHeaders): void => {
      if (!own) return
      try {
        const write = session.apply(generation, raw)
        if (write) writes.push(write.then(undefined, (e) => (problem = problem || e)))
      } catch (e) {
        problem = problem || e
      }
    }
    const raw = await limiter.run(
      () =>
        guard(spec.signal, spec.timeoutMs, (signal) => {
          generation = session.generation
          const token = session.token
          if (own && token) headers[o.headerName] = token
          const request: TransportRequest = {
            kind: spec.kind,
            url: context.url,
            method: spec.method,
            headers,
            body: spec.body,
            responseType: spec.responseType,
            timeoutMs: spec.timeoutMs,
            signal,
            onHeaders: inspect,
            name: spec.name || 'file',
            filePath: spec.filePath,
            file: spec.file,
            formData: spec.formData,
          }
          return o.transport.send(request).then((res: TransportResponse) => {
            inspect(res.headers || {})
            return res
          })
        }),
      urgent,
      spec.signal,
    )
    await Promise.all(writes)
    if (problem) throw problem
    const response: ClientResponse = {
      status: raw.status,
      ok: raw.status >= 200 && raw.status < 300,
      headers: toResponseHeaders(raw.headers || {}),
      data: decodeBody(raw.body, spec.responseType),
      filePath: raw.filePath,
    }
    if (o.hooks.afterResponse) await o.hooks.afterResponse(response, context)
    return { response, generation, restricted: !!raw.headersRestricted, context }
  }
}

/**
 * Runs `send` under the caller's signal and a timeout. Settles at the first of: the answer,
 * the abort, the timeout; then aborts the platform task. A late answer is still inspected by
 * `send` itself, so a token the server issued meanwhile is not lost.
 */
function guard<T>(
  outer: AbortSignalLike | undefined,
  timeoutMs: number,
  send: (signal: AbortSignalLike) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const inner = createAbortController()
    const finish = (error?: unknown, value?: T): void => {
      cancelTimer()
      if (outer) outer.removeEventListener('abort', onAbort)
      if (error === undefined) return resolve(value as T)
      reject(error)
      inner.abort()
    }
    const onAbort = (): void => finish(new AbortError())
    const cancelTimer = after(timeoutMs, () => finish(new TimeoutError(timeoutMs)))
    if (outer) outer.addEventListener('abort', onAbort)
    if (outer && outer.aborted) return onAbort()
    let sent: Promise<T>
    try {
      sent = send(inner.signal)
    } catch (e) {
      sent = Promise.reject(e)
    }
    sent.then(
      (value) => finish(undefined, value),
      (e) =>
        finish(e instanceof HeaderSessionError ? e : new NetworkError(message(e), { cause: e })),
    )
  })
}

function message(e: unknown): string {
  const text = e && typeof e === 'object' ? (e as { errMsg?: unknown; message?: unknown }) : {}
  return String(text.errMsg || text.message || e || 'Network request failed')
}
