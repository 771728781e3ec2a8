import type { Context, Middleware, Next } from 'koa'
import type { Logger } from 'pino'
import { clientAddressOnSocket, type TrustedProxies } from './client-address'
import { createCors, varyOnOrigin } from './cors'
import { renderEmptyError, renderError } from './json-errors'
import { overrideMethod } from './method-override'
import { createRequestLog } from './request-log'

/** Options of `createEdge`. */
export interface EdgeOptions {
  /** Allowed CORS origins; empty allows any origin. */
  origins: ReadonlySet<string>
  /** The session header (CORS, and its 6-character hint in the request line). */
  headerName: string
  /** The session status header (exposed to CORS requests). */
  statusHeaderName: string
  /** The proxies whose `X-Forwarded-For` names the client (see `parseTrustedProxies`). */
  trusted: TrustedProxies | null
  /** Where request lines go. */
  logger: Logger
}

/**
 * The app's first middleware, in one layer, in this order: CORS for requests with an `Origin`
 * (`createCors`; `Vary: Origin` on the others), the client address (`ctx.ip`, see
 * `clientAddressOnSocket`), the request id and one log line per request (`createRequestLog`),
 * errors rendered as JSON (`renderError`), and `X-HTTP-Method-Override` (`overrideMethod`). One
 * layer instead of five, in one async function: every layer, and every async function, costs
 * each request a dispatch and a promise.
 */
export function createEdge(options: EdgeOptions): Middleware {
  const crossOrigin = createCors(options)
  const requestLog = createRequestLog(options.logger, options.headerName)
  const { trusted } = options

  /** The edge's work around `next`; `Vary: Origin` after it unless CORS answers for it. */
  async function handle(ctx: Context, next: Next, varyAfter: boolean): Promise<void> {
    ctx.request.ip = clientAddressOnSocket(
      ctx.req.socket,
      ctx.req.headers['x-forwarded-for'],
      trusted,
    )
    const started = requestLog.start(ctx)
    try {
      overrideMethod(ctx)
      await next()
      renderEmptyError(ctx)
    } catch (error) {
      renderError(ctx, error)
    } finally {
      requestLog.end(ctx, started)
    }
    if (varyAfter) varyOnOrigin(ctx)
  }

  return function edge(ctx: Context, next: Next): Promise<void> {
    if (ctx.req.headers.origin !== undefined) {
      return crossOrigin(ctx, () => handle(ctx, next, false)) as Promise<void>
    }
    return handle(ctx, next, true)
  }
}
