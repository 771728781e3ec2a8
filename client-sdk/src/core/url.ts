import type { Query } from './client-types'

const ORIGIN = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i

/** Scheme, host and port of an absolute URL (lowercased), or `''` for a relative one. */
export function originOf(url: string): string {
  return (ORIGIN.exec(url) || [''])[0].toLowerCase()
}

/** `baseURL` + `path` (unless `path` is absolute) + the encoded `query`. */
export function buildURL(baseURL: string, path: string, query?: Query): string {
  let url = originOf(path) ? path : baseURL + (path && path[0] !== '/' ? '/' : '') + path
  for (const key in query) {
    const value = query[key]
    if (value != null)
      url +=
        (url.indexOf('?') < 0 ? '?' : '&') +
        encodeURIComponent(key) +
        '=' +
        encodeURIComponent(value)
  }
  return url
}
