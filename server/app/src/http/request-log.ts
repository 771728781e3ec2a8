import { randomUUID } from 'node:crypto'
import type { Context } from 'koa'
import type { Logger } from 'pino'
import { tokenHint } from '@header-session/koa'
import './koa-app-context'

/**
 * A client's request id that is kept: at most 40 characters (a UUID is 36), shorter than any
 * session token (43 or more), so that a token sent as a request id is never logged or echoed.
 */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,40}$/

/** The request id and the one log line of each request (see `createRequestLog`). */
export interface RequestLog {
  /** Gives the request its id (`ctx.requestId`, echoed in `X-Request-Id`); returns its start. */
  start(ctx: Context): number
  /** Logs the request's line, `started` being what `start` returned. */
  end(ctx: Context, started: number): void
}

/**
 * Gives each request an id (the client's `X-Request-Id` when it is sane: 1 to 40 letters,
 * digits, `.`, `_`, `:` or `-`; else a new UUID; echoed back) and a child logger `ctx.log` that puts the request id and the client address
 * (`ctx.ip`: see `clientAddress`) on every line, and logs one line per request: method, path
 * (never the query), status, duration, and at most 6 characters of the session token.
 */
export function createRequestLog(logger: Logger, sessionHeaderName: string): RequestLog {
  // Node keeps request header names in lower case.
  const sessionHeader = sessionHeaderName.toLowerCase()
  return {
    start(ctx) {
      const given = ctx.req.headers['x-request-id']
      ctx.requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
      ctx.log = logger.child({ reqId: ctx.requestId, client: ctx.ip })
      ctx.set('X-Request-Id', ctx.requestId)
      return performance.now()
    },
    end(ctx, started) {
      const token = ctx.req.headers[sessionHeader]
      ctx.log.info(
        {
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
          session: typeof token === 'string' && token !== '' ? tokenHint(token) : undefined,
        },
        'request',
      )
    },
  }
}
