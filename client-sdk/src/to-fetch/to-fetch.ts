import type { Client, ClientResponse } from '../core/client-types'
import { readHeader } from '../core/headers'
import type { AbortSignalLike, HttpMethod } from '../core/types'

declare const TextEncoder: { new (): { encode(text: string): { buffer: ArrayBuffer } } } | undefined

/** Headers accepted by {@link FetchCompatible}: a record, pairs, or a `Headers`. */
export type HeadersInitLike =
  | Record<string, string>
  | ReadonlyArray<readonly [string, string]>
  | { forEach(callback: (value: string, name: string) => void): void }

/** The `init` argument of {@link FetchCompatible}. */
export interface FetchCompatibleInit {
  method?: string
  headers?: HeadersInitLike
  /** A string, `ArrayBuffer`, typed array or `URLSearchParams`. */
  body?: unknown
  signal?: AbortSignalLike | null
}

/** A `Request`-like first argument. */
export interface RequestLike {
  readonly url: string
  readonly method?: string
  readonly headers?: HeadersInitLike
  readonly signal?: AbortSignalLike | null
  arrayBuffer?(): Promise<ArrayBuffer>
}

/** The `Response` surface fetch consumers (axios, ky, ofetch) use. */
export interface FetchCompatibleResponse {
  readonly ok: boolean
  readonly status: number
  readonly statusText: string
  readonly url: string
  readonly redirected: boolean
  readonly type: 'basic'
  readonly headers: FetchHeaders
  readonly body: null
  text(): Promise<string>
  json(): Promise<unknown>
  arrayBuffer(): Promise<ArrayBuffer>
  clone(): FetchCompatibleResponse
}

/** A fetch-compatible function running on a client. */
export type FetchCompatible = (
  input: string | { toString(): string } | RequestLike,
  init?: FetchCompatibleInit,
) => Promise<FetchCompatibleResponse>

/** Options of {@link toFetch}. */
export interface ToFetchOptions {
  /** `auth` of every call made through it. Default: the client's. */
  auth?: boolean
}

/** Read-only `Headers`: lowercase names, case-insensitive lookup, iterable. */
export class FetchHeaders {
  private readonly map: Record<string, string> = {}
  constructor(response: ClientResponse) {
    const raw = response.headers.raw
    Object.keys(raw).forEach((name) => {
      const value = response.headers.get(name)
      if (value !== null) this.map[name.toLowerCase()] = value
    })
  }
  get(name: string): string | null {
    const value = this.map[name.toLowerCase()]
    return value === undefined ? null : value
  }
  has(name: string): boolean {
    return this.get(name) !== null
  }
  forEach(callback: (value: string, name: string) => void): void {
    this.keys().forEach((name) => callback(this.map[name] as string, name))
  }
  keys(): string[] {
    return Object.keys(this.map).sort()
  }
  entries(): Array<[string, string]> {
    return this.keys().map((name): [string, string] => [name, this.map[name] as string])
  }
  [Symbol.iterator](): Iterator<[string, string]> {
    return this.entries()[Symbol.iterator]()
  }
}

function toRecord(init: HeadersInitLike | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (!init) return out
  if (Array.isArray(init)) init.forEach((pair) => (out[pair[0]] = pair[1]))
  else if (typeof init.forEach === 'function') {
    ;(init as { forEach: (cb: (v: string, n: string) => void) => void }).forEach(
      (v, n) => (out[n] = v),
    )
  } else Object.assign(out, init)
  return out
}

function toBody(body: unknown, headers: Record<string, string>): string | ArrayBuffer | undefined {
  if (body == null || typeof body === 'string' || body instanceof ArrayBuffer)
    return body ?? undefined
  if (ArrayBuffer.isView(body)) {
    return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer
  }
  if (Object.prototype.toString.call(body) === '[object URLSearchParams]') {
    if (readHeader(headers, 'content-type') === null) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded;charset=UTF-8'
    }
    return String(body)
  }
  throw new TypeError(
    'toFetch: unsupported body (use a string, ArrayBuffer, typed array or URLSearchParams)',
  )
}

function toResponse(response: ClientResponse, url: string): FetchCompatibleResponse {
  const data = response.data
  const text = typeof data === 'string' ? data : data === undefined ? '' : JSON.stringify(data)
  return {
    ok: response.ok,
    status: response.status,
    statusText: '',
    url,
    redirected: false,
    type: 'basic',
    headers: new FetchHeaders(response),
    body: null,
    text: () => Promise.resolve(text),
    json: () => Promise.resolve(text).then(JSON.parse),
    arrayBuffer: () =>
      typeof TextEncoder === 'function'
        ? Promise.resolve(new TextEncoder().encode(text).buffer)
        : Promise.reject(
            new TypeError('toFetch: arrayBuffer() needs TextEncoder on this platform'),
          ),
    clone: () => toResponse(response, url),
  }
}

/**
 * A `fetch`-compatible function on top of a client, so fetch-based libraries run on any
 * transport (`wx.request` included) with sessions: axios (`env: { fetch }`), ky (`fetch`),
 * ofetch (`createFetch`). Bodies are read as text.
 *
 * @example
 * ```ts
 * const api = axios.create({ adapter: 'fetch', env: { fetch: toFetch(client) } })
 * ```
 */
export function toFetch(client: Client, options: ToFetchOptions = {}): FetchCompatible {
  return async (input, init = {}) => {
    const request: Partial<RequestLike> = typeof input === 'object' && 'url' in input ? input : {}
    const url = request.url || String(input)
    const method = (init.method || request.method || 'GET').toUpperCase() as HttpMethod
    const headers = toRecord(init.headers || request.headers)
    let body = init.body
    if (body === undefined && request.arrayBuffer && method !== 'GET' && method !== 'HEAD') {
      body = await request.arrayBuffer()
    }
    const response = await client.request<unknown>(url, {
      method,
      headers,
      body: toBody(body, headers),
      responseType: 'text',
      throwHttpErrors: false,
      auth: options.auth,
      signal: init.signal || request.signal || undefined,
    })
    return toResponse(response, url)
  }
}
