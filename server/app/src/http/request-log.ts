import { randomBytes } from 'node:crypto'
import type { Context } from 'koa'
import type { Logger } from 'pino'
import { tokenHint } from '@header-session/koa'
import { requestLineWriter } from '../logging/request-line'
import './koa-app-context'

/**
 * A client's request id that is kept: at most 40 characters (a UUID is 36), shorter than any
 * session token (43 or more), so that a token sent as a request id is never logged or echoed.
 */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,40}$/

/**
 * New request ids, unique across processes and restarts: 12 random hex digits drawn when the
 * app starts, a dash, and a counter in base 36 (`3f9a1c0b7e2d-1`, `3f9a1c0b7e2d-2`, …; 25
 * characters at most). Cheaper than a UUID per request (bench/PROFILING.md).
 */
export function createRequestIds(): () => string {
  const prefix = `${randomBytes(6).toString('hex')}-`
  let count = 0
  return () => prefix + (++count).toString(36)
}

/** Where a request keeps its child logger, once `ctx.log` has been read. */
const REQUEST_LOGGER = Symbol('requestLogger')

type LoggingContext = Context & { [REQUEST_LOGGER]?: Logger }

/** The request id and the one log line of each request (see `createRequestLog`). */
export interface RequestLog {
  /** Gives the request its id (`ctx.requestId`, echoed in `X-Request-Id`); returns its start. */
  start(ctx: Context): number
  /** Logs the request's line, `started` being what `start` returned. */
  end(ctx: Context, started: number): void
}

/**
 * Gives each request an id (the client's `X-Request-Id` when it is sane: 1 to 40 letters,
 * digits, `.`, `_`, `:` or `-`; else a new one, see `createRequestIds`; echoed back), and logs
 * one line per request: request id, client address (`ctx.ip`: see `clientAddress`), method, path (never the query),
 * status, duration, and at most 6 characters of the session token. `ctx.log` is given by
 * `defineRequestLogger`.
 */
export function createRequestLog(logger: Logger, sessionHeaderName: string): RequestLog {
  // Node keeps request header names in lower case.
  const sessionHeader = sessionHeaderName.toLowerCase()
  const writeLine = requestLineWriter(logger)
  const newRequestId = createRequestIds()
  return {
    start(ctx) {
      const given = ctx.req.headers['x-request-id']
      ctx.requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : newRequestId()
      ctx.res.setHeader('X-Request-Id', ctx.requestId)
      return performance.now()
    },
    end(ctx, started) {
      const token = ctx.req.headers[sessionHeader]
      writeLine({
        reqId: ctx.requestId,
        client: ctx.request.ip,
        // Koa's `ctx.ip`, `ctx.method`, `ctx.path` and `ctx.status` are these, through a
        // delegate (a generic property load) or two getters each.
        method: ctx.req.method ?? '',
        path: ctx.request.path,
        status: ctx.res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        session: typeof token === 'string' && token !== '' ? tokenHint(token) : undefined,
      })
    },
  }
}

/**
 * Gives every request of an app `ctx.log`: a child of `logger` that puts the request id and the
 * client address on each line, made the first time a request reads it (most requests log only
 * their request line, which needs no child). Before the request has an id, `logger` itself. A
 * middleware may assign `ctx.log` (a child with more fields, say): the request keeps that one.
 */
export function defineRequestLogger(context: object, logger: Logger): void {
  Object.defineProperty(context, 'log', {
    configurable: true,
    get(this: LoggingContext): Logger {
      if (this.requestId === undefined) return logger
      return (this[REQUEST_LOGGER] ??= logger.child({ reqId: this.requestId, client: this.ip }))
    },
    set(this: LoggingContext, given: Logger) {
      this[REQUEST_LOGGER] = given
    },
  })
}
