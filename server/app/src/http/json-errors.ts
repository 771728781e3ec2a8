import type { Context } from 'koa'
import {
  AppError,
  ContentCheckUnavailableError,
  WechatApiError,
  WechatLoginError,
  WechatUnavailableError,
} from '../errors'
import { HeaderSessionError } from '@header-session/koa'

interface HttpLikeError {
  name?: string
  status?: number
  expose?: boolean
  code?: unknown
  message?: string
  headers?: Record<string, string>
}

const STATUS_CODES: Record<number, string> = {
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  501: 'NOT_IMPLEMENTED',
}

/** An error status without a body (a route-less 404, @koa/router's 405 or 501) gets its JSON body. */
export function renderEmptyError(ctx: Context): void {
  // `ctx.status` is this, through two getters; this runs on every request.
  const status = ctx.res.statusCode
  if (status >= 400 && !ctx.body) {
    const code = STATUS_CODES[status] ?? 'BAD_REQUEST'
    ctx.body = { error: { code, message: code === 'NOT_FOUND' ? 'No such route' : code } }
    ctx.status = status // assigning a body sets 200
  }
}

/**
 * Answers `error` as JSON `{ error: { code, message, ...details } }` (PROTOCOL rule 7's shape),
 * with messages and details only when they may be shown. Unexpected errors (5xx not meant for
 * the client) are emitted as the app's `error` event; the others are logged on `ctx.log`.
 * Called by the app's edge (`createEdge`) for whatever the middleware after it throws.
 */
export function renderError(ctx: Context, error: unknown): void {
  const e = error as HttpLikeError
  const status = typeof e.status === 'number' && e.status >= 400 && e.status < 600 ? e.status : 500
  // e.g. a 503's `outcome` (whether its write may still land), or a validation's `fields`.
  const details = isOurs(error) ? error.details : {}
  ctx.status = status
  ctx.set(e.headers ?? {})
  ctx.body = {
    error: { code: errorCode(e, status), message: errorMessage(e, status), ...details },
  }
  if (error instanceof WechatUnavailableError) {
    ctx.log?.warn({ reason: error.reason, cause: describe(error.cause) }, 'WeChat unavailable')
  } else if (error instanceof WechatLoginError) {
    ctx.log?.info({ errcode: error.wechatErrcode, errmsg: error.errmsg }, 'WeChat refused code')
  } else if (error instanceof WechatApiError) {
    ctx.log?.warn(wechatFailure(error), 'WeChat API failed')
  } else if (error instanceof ContentCheckUnavailableError) {
    ctx.log?.warn(wechatFailure(error.wechatError), 'content check unavailable')
  } else if (status >= 500 && !e.expose) {
    ctx.app.emit('error', error, ctx)
  }
}

function isOurs(e: unknown): e is AppError | HeaderSessionError {
  return (e instanceof AppError || e instanceof HeaderSessionError) && e.expose
}

function errorCode(e: HttpLikeError, status: number): string {
  if (isOurs(e)) return e.code
  if (STATUS_CODES[status]) return STATUS_CODES[status]
  if (status >= 500) return 'INTERNAL_ERROR'
  if (typeof e.code === 'string' && /^[A-Z_]+$/.test(e.code)) return e.code
  return 'BAD_REQUEST'
}

function errorMessage(e: HttpLikeError, status: number): string {
  if (e.expose && e.message) return e.message
  return status >= 500 ? 'Internal error' : 'Bad request'
}

/**
 * A WeChat API failure for the logs: the API, our code, WeChat's errcode and errmsg (it
 * carries WeChat's request id), the reason. The error never holds a token or a key; neither
 * does its cause's description.
 */
function wechatFailure(error: WechatApiError): Record<string, unknown> {
  return {
    api: error.api,
    code: error.code,
    errcode: error.wechatErrcode,
    errmsg: error.errmsg,
    reason: error.reason,
    cause: describe(error.cause),
  }
}

/** A cause for the logs: its name, message and code, never a URL (it would hold the secret). */
function describe(cause: unknown): Record<string, unknown> | undefined {
  if (typeof cause !== 'object' || cause === null) return undefined
  const { name, message } = cause as { name?: unknown; message?: unknown }
  const inner = (cause as { cause?: { code?: unknown } }).cause
  return { name, message, code: inner?.code }
}
