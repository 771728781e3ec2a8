import { randomUUID } from 'node:crypto'
import type { Context, Middleware, Next } from 'koa'
import type { Logger } from 'pino'
import { tokenHint } from '@header-session/koa'
import './koa-app-context'

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/

/**
 * Gives each request an id (`X-Request-Id`, echoed back) and a child logger `ctx.log` that puts
 * the request id and the client address (`ctx.ip`: see `createClientAddress`) on every line,
 * and logs one line per request: method, path (never the query), status, duration, and at most
 * 6 characters of the session token.
 */
export function createRequestLog(logger: Logger, sessionHeaderName: string): Middleware {
  return async function requestLog(ctx: Context, next: Next): Promise<void> {
    const given = ctx.get('X-Request-Id')
    ctx.requestId = REQUEST_ID.test(given) ? given : randomUUID()
    ctx.log = logger.child({ reqId: ctx.requestId, client: ctx.ip })
    ctx.set('X-Request-Id', ctx.requestId)
    const started = performance.now()
    try {
      await next()
    } finally {
      const token = ctx.get(sessionHeaderName)
      ctx.log.info(
        {
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
          session: token ? tokenHint(token) : undefined,
        },
        'request',
      )
    }
  }
}
