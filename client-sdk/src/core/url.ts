import type { Query } from './client-types'

const ORIGIN = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i

/** Scheme, host and port of an absolute URL (lowercased), or `''` for a relative one. */
export function originOf(url: string): string {
  const match = ORIGIN.exec(url)
  return match ? match[0].toLowerCase() : ''
}

/** `baseURL` + `path` (unless `path` is absolute) + the encoded `query`. */
export function buildURL(baseURL: string, path: string, query?: Query): string {
  let url = originOf(path) ? path : baseURL + (path && path[0] !== '/' ? '/' : '') + path
  const pairs: string[] = []
  Object.keys(query || {}).forEach((key) => {
    const value = (query as Query)[key]
    if (value != null) pairs.push(encodeURIComponent(key) + '=' + encodeURIComponent(String(value)))
  })
  if (pairs.length) url += (url.indexOf('?') < 0 ? '?' : '&') + pairs.join('&')
  return url
}
