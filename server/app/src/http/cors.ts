import cors from '@koa/cors'
import type { Context, Middleware, Next } from 'koa'
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

/**
 * CORS for the app (`@koa/cors`): the session header and the request id allowed in and exposed,
 * preflights cached for 2 hours, headers kept on errors. Only a request with an `Origin` is a
 * CORS request (browsers send one with every cross-origin request and every preflight); any
 * other gets `Vary: Origin` alone, without entering `@koa/cors`, whose allow and expose headers
 * no one would read.
 */
export function createCors(options: CorsOptions): Middleware {
  const { origins } = options
  const crossOrigin = cors({
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
  return async function corsHeaders(ctx: Context, next: Next): Promise<void> {
    if (ctx.req.headers.origin !== undefined) return crossOrigin(ctx, next)
    // The answer still depends on Origin: a cache must not serve it to a CORS request.
    ctx.vary('Origin')
    await next()
  }
}
