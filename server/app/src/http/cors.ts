import cors from '@koa/cors'
import type { Context, Middleware } from 'koa'
import { METHOD_OVERRIDE_HEADER } from './method-override'

/** Options of `createCors`. */
export interface CorsOptions {
  /** Allowed origins; empty allows any origin (`*`, never with credentials). */
  origins: ReadonlySet<string>
  /** The session header, allowed in requests and exposed in answers. */
  headerName: string
  /** The session status header, exposed in answers. */
  statusHeaderName: string
}

/** `Origin` in a `Vary` list, in any case. */
const ORIGIN_IN_LIST = /(?:^|,)\s*origin\s*(?:,|$)/i

/**
 * CORS for the app (`@koa/cors`): the session header and the request id allowed in and exposed,
 * preflights cached for 2 hours, headers kept on errors. Only a request with an `Origin` is a
 * CORS request (browsers send one with every cross-origin request and every preflight): the
 * app's edge (`createEdge`) sends only those through it, and gives any other answer
 * `Vary: Origin` alone (`varyOnOrigin`), without the allow and expose headers no one would read.
 */
export function createCors(options: CorsOptions): Middleware {
  const { origins } = options
  return cors({
    origin: (ctx) =>
      origins.size === 0 ? '*' : origins.has(ctx.get('Origin')) ? ctx.get('Origin') : '',
    allowHeaders: [
      options.headerName,
      'Content-Type',
      'Cache-Control',
      'X-Client-Device',
      'X-Request-Id',
      METHOD_OVERRIDE_HEADER,
    ],
    exposeHeaders: [options.headerName, options.statusHeaderName, 'X-Request-Id'],
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    maxAge: 7200,
    keepHeadersOnError: true,
  })
}

/** The last `Vary` `varyOnOrigin` merged, and what it made of it: most answers carry the same. */
let lastVary = ''
let lastMerged = 'Origin'

/** `vary` with `Origin` first, unless it holds `Origin` or is `*`. */
function withOrigin(vary: string): string {
  if (vary === '') return 'Origin'
  return vary.trim() === '*' || ORIGIN_IN_LIST.test(vary) ? vary : `Origin, ${vary}`
}

/**
 * Puts `Origin` first in the answer's `Vary` (the answer depends on it: a cache must not serve
 * it to a CORS request), unless it is listed already. Called once the answer is made: the app's
 * session middleware lists `Origin` in its own `Vary` (its `vary` option), so this writes only
 * the answers that did not go through it (health, the web page, a refused method override).
 */
export function varyOnOrigin(ctx: Context): void {
  // Node's own calls, as Koa's `ctx.set` makes them, without its checks of the value's type.
  const { res } = ctx
  if (res.headersSent) return
  // Named in lower case, as Node keeps it: `getHeader` lower-cases the name, and a name in
  // another case becomes a new string that the lookup must find in V8's string table first
  // (about 500 instructions a request, bench/PROFILING.md).
  const set = res.getHeader('vary')
  const vary = Array.isArray(set) ? set.join(', ') : typeof set === 'string' ? set : ''
  if (vary !== lastVary) {
    lastVary = vary
    lastMerged = withOrigin(vary)
  }
  if (lastMerged !== vary) res.setHeader('Vary', lastMerged)
}
