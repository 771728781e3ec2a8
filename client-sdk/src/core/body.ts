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
 * A field of a protocol JSON error body (`{"error": {"code": ..., ...}}`) as a string: `code`
 * by default, or e.g. `wechatErrcode`.
 */
export function errorCode(data: unknown, field = 'code'): string | undefined {
  // Object() turns anything into something with properties: null into {}, a string into a String.
  const value = Object(Object(decodeBody(data, 'json')).error)[field]
  return value == null ? undefined : String(value)
}
