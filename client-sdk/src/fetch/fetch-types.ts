/** The `Headers` surface the fetch transport reads. */
export interface FetchHeadersLike {
  forEach(callback: (value: string, name: string) => void): void
}

/** The `Response` surface the fetch transport reads. */
export interface FetchResponseLike {
  readonly status: number
  /** `cors` when the browser hides non-exposed headers. */
  readonly type?: string
  readonly headers: FetchHeadersLike
  text(): Promise<string>
  arrayBuffer(): Promise<ArrayBuffer>
}

/**
 * Fields of `RequestInit` a call may set through `platformOptions`
 * (https://fetch.spec.whatwg.org/#requestinit). The transport's own (`method`, `headers`,
 * `body`, `signal`, `credentials`) win.
 */
export interface FetchPlatformOptions {
  /** The HTTP cache mode: `no-store`, `no-cache`, ... */
  cache?: 'default' | 'no-store' | 'reload' | 'no-cache' | 'force-cache' | 'only-if-cached'
  /** Let the request outlive the page (a logout on unload). */
  keepalive?: boolean
  /** Fetch priority (https://fetch.spec.whatwg.org/#request-priority). */
  priority?: 'high' | 'low' | 'auto'
  /** Referrer policy of the request. */
  referrerPolicy?: string
  /** Subresource integrity of the expected answer. */
  integrity?: string
}

/** The `RequestInit` the fetch transport passes. */
export interface FetchInitLike extends FetchPlatformOptions {
  method: string
  headers: Record<string, string>
  body?: unknown
  signal?: unknown
  credentials: 'omit' | 'same-origin' | 'include'
}

/** A `fetch` function: the global one, or any compatible one (undici, node-fetch, a mock). */
export type FetchLike = (url: string, init: FetchInitLike) => Promise<FetchResponseLike>

/** `FormData` as the upload path uses it. */
export interface FormDataLike {
  append(name: string, value: unknown): void
}

/** `AbortController` as the transport uses it. */
export interface AbortControllerHost {
  readonly signal: unknown
  abort(): void
}
