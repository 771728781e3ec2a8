import type { RawHeaders } from './types'

/**
 * Case-insensitive header lookup over whatever the platform reported. Several matches (arrays,
 * or the same name in two casings) are joined with `, `, as a duplicated header would be.
 */
export function readHeader(headers: RawHeaders | undefined, name: string): string | undefined {
  if (!headers) return undefined
  const wanted = name.toLowerCase()
  const found: string[] = []
  Object.keys(headers).forEach((key) => {
    const value = headers[key]
    if (key.toLowerCase() !== wanted || value == null) return
    if (Array.isArray(value)) value.forEach((v) => found.push(String(v)))
    else found.push(String(value))
  })
  return found.length ? found.join(', ') : undefined
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
  return {
    get: (name) => {
      const value = readHeader(raw, name)
      return value === undefined ? null : value
    },
    raw,
  }
}

/** Copy of `headers` without `name` (any casing). */
export function withoutHeader(
  headers: Readonly<Record<string, string>>,
  name: string,
): Record<string, string> {
  const out: Record<string, string> = {}
  Object.keys(headers).forEach((key) => {
    if (key.toLowerCase() !== name.toLowerCase()) out[key] = headers[key] as string
  })
  return out
}
