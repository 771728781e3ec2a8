import { AbortError } from '../errors/abort-error'
import { HeaderSessionError } from '../errors/header-session-error'
import { NetworkError } from '../errors/network-error'
import { TimeoutError } from '../errors/timeout-error'
import { createAbortController } from './abort'
import { decodeBody } from './body'
import type { CallSpec } from './call-spec'
import type { ClientResponse, RequestContext } from './client-types'
import { toResponseHeaders, withoutHeader } from './headers'
import type { Limiter } from './limiter'
import type { ResolvedClientOptions } from './options'
import type { Session } from './session'
import { after } from './timers'
import type { AbortSignalLike, RawHeaders, TransportRequest } from './types'
import { buildURL, originOf } from './url'

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
  const { headerName, hooks } = o
  return async (spec, urgent) => {
    const context: RequestContext = {
      url: buildURL(o.baseURL, spec.url, spec.query),
      headers: Object.assign({}, o.headers, spec.headers),
      method: spec.method,
      kind: spec.kind,
    }
    if (hooks.beforeRequest) await hooks.beforeRequest(context)
    // The token goes only to the API's own origin, and only that origin may change it.
    const own = originOf(context.url) === originOf(o.baseURL)
    const headers = withoutHeader(context.headers, headerName)
    let generation = 0
    let problem: unknown
    const keep = (e: unknown) => (problem = problem || e)
    const writes: Array<Promise<unknown>> = []
    const onHeaders = (raw: RawHeaders): void => {
      try {
        const write = own && session.apply(generation, raw)
        if (write) writes.push(write.then(undefined, keep))
      } catch (e) {
        keep(e)
      }
    }
    const raw = await limiter.run(
      () =>
        guard(spec, (signal) => {
          // The generation and token of the moment the request leaves, not when it was queued.
          generation = session.generation
          if (own && session.token) headers[headerName] = session.token
          const request = Object.assign({}, spec, { url: context.url, headers, signal, onHeaders })
          return o.transport.send(request as TransportRequest).then((res) => {
            // Also for a late answer, after a timeout: a token issued meanwhile is not lost.
            onHeaders(res.headers || {})
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
    if (hooks.afterResponse) await hooks.afterResponse(response, context)
    return { response, generation, restricted: !!raw.headersRestricted, context }
  }
}

/**
 * Runs `send` under the call's signal and timeout: settles at the first of the answer, the
 * abort or the timeout, then aborts the platform task. Non-SDK failures become `NetworkError`.
 */
function guard<T>(
  spec: { signal?: AbortSignalLike; timeoutMs: number },
  send: (signal: AbortSignalLike) => Promise<T>,
): Promise<T> {
  const outer = spec.signal
  return new Promise<T>((resolve, reject) => {
    const inner = createAbortController()
    const stop = (error?: unknown, value?: T): void => {
      cancel()
      if (outer) outer.removeEventListener('abort', onAbort)
      if (error === undefined) return resolve(value as T)
      reject(
        error instanceof HeaderSessionError
          ? error
          : new NetworkError(describe(error), { cause: error }),
      )
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

function describe(e: unknown): string {
  const f = (e || {}) as { errMsg?: unknown; message?: unknown }
  return String(f.errMsg || f.message || e)
}
