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

/** The `RequestInit` the fetch transport passes. */
export interface FetchInitLike {
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
