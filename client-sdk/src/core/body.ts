import { readHeader } from './headers'
import type { RawHeaders, ResponseType } from './types'

/**
 * Decodes a response body. Platforms hand over strings, `ArrayBuffer`s or (when they parsed it
 * themselves) objects; strings are parsed as JSON for `json`, falling back to the text.
 */
export function decodeBody(body: unknown, responseType: ResponseType): unknown {
  if (responseType !== 'json' || typeof body !== 'string') return body
  if (body === '') return undefined
  try {
    return JSON.parse(body)
  } catch {
    return body
  }
}

/**
 * A field of a protocol JSON error body (`{"error": {"code": ..., ...}}`) as a string: `code`
 * by default, or e.g. `wechatErrcode`.
 */
export function errorCode(data: unknown, field = 'code'): string | undefined {
  if (typeof data === 'string') data = decodeBody(data, 'json')
  const error = data && typeof data === 'object' ? (data as { error?: unknown }).error : undefined
  const value =
    error && typeof error === 'object' ? (error as Record<string, unknown>)[field] : undefined
  return value == null ? undefined : String(value)
}

/** Whether `headers` has `name` (any casing). */
export function hasHeader(headers: RawHeaders, name: string): boolean {
  return readHeader(headers, name) !== undefined
}
