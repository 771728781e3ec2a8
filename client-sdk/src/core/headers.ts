import type { HeaderValue, RawHeaders } from './types'
import { assign } from './util'

/**
 * Case-insensitive header lookup over whatever the platform reported; `null` when absent.
 * Several matches (arrays, or the same name in two casings) are joined with `, `, as a
 * duplicated header would be.
 */
export function readHeader(headers: RawHeaders | undefined, name: string): string | null {
  let found: HeaderValue[] = []
  for (const key in headers) {
    const value = headers[key]
    if (key.toLowerCase() === name.toLowerCase() && value != null) found = found.concat(value)
  }
  return found.length ? found.join(', ') : null
}

/** Response headers handed to callers: a case-insensitive `get`, and the raw object. */
export interface ResponseHeaders {
  /** The header's value, or `null`. Case-insensitive. */
  get(name: string): string | null
  /** As the platform reported them. */
  readonly raw: RawHeaders
}

/** Wraps raw platform headers for callers. */
export function toResponseHeaders(raw: RawHeaders): ResponseHeaders {
  return { get: (name) => readHeader(raw, name), raw }
}

/**
 * `base` with `extra` laid over it: a name in `extra` replaces the same name in `base`, whatever
 * the casing of either, so the result never carries one header twice. Neither is changed.
 */
export function mergeHeaders(
  base: Readonly<Record<string, string>> | undefined,
  extra: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  let merged: Record<string, string> = assign({}, base)
  for (const name in extra) merged = assign(withoutHeader(merged, name), { [name]: extra[name] })
  return merged
}

/** Copy of `headers` without `name` (any casing). */
export function withoutHeader(
  headers: Readonly<Record<string, string>>,
  name: string,
): Record<string, string> {
  const out: Record<string, string> = assign({}, headers)
  for (const key in out) if (key.toLowerCase() === name.toLowerCase()) delete out[key]
  return out
}
