import type { PlatformProfile } from '../profiles/platform-profile'

/**
 * A call's timeout: its own `timeout` when it is a positive number, else the default; never
 * past the platform's maximum (WeChat ends a call at 60 s whatever it asked for).
 */
export function timeoutOf(
  own: number | undefined,
  fallback: number,
  profile: PlatformProfile,
): number {
  const asked = typeof own === 'number' && own > 0 ? own : fallback
  return Math.min(asked, profile.maxTimeoutMs)
}

/** The name under which `headers` holds `name`, whatever its case; undefined when absent. */
export function findHeader(headers: Readonly<Record<string, string>>, name: string) {
  const lower = name.toLowerCase()
  return Object.keys(headers).find((key) => key.toLowerCase() === lower)
}

/**
 * The request headers a call goes out with: the caller's (names as given), without those the
 * platform does not let a call set (`Referer`, ...), plus the platform's `Referer`, plus
 * `defaults` for the names the caller did not set.
 */
export function platformHeaders(
  profile: PlatformProfile,
  appId: string,
  given: Readonly<Record<string, unknown>> | undefined,
  defaults: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(given ?? {})) {
    if (profile.fixedHeaders.includes(name.toLowerCase())) continue
    if (value === undefined || value === null) continue
    headers[name] = String(value)
  }
  for (const [name, value] of Object.entries(defaults)) {
    if (findHeader(headers, name) === undefined) headers[name] = value
  }
  const referer = profile.referer(appId)
  if (referer !== undefined) headers['Referer'] = referer
  return headers
}
