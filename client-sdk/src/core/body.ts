import type { ResponseType } from './types'

/**
 * Decodes a response body. Platforms hand over strings, `ArrayBuffer`s or (when they parsed it
 * themselves) objects; strings are parsed as JSON for `json`, falling back to the text.
 */
export function decodeBody(body: unknown, responseType: ResponseType): unknown {
  if (responseType !== 'json' || typeof body !== 'string') return body
  try {
    return body ? JSON.parse(body) : undefined
  } catch {
    return body
  }
}

/**
 * The `error` object of a protocol JSON error body (`{"error": {"code": ..., ...}}`), or an
 * empty object: read `code`, `wechatErrcode`, ... from it.
 */
export function errorOf(data: unknown): { code?: unknown; wechatErrcode?: unknown } {
  // Object() turns anything into something with properties: null into {}, a string into a String.
  return Object(Object(decodeBody(data, 'json')).error)
}
