import { bodyParser } from '@koa/bodyparser'
import cors from '@koa/cors'
import Router from '@koa/router'
import Koa from 'koa'
import {
  createSessionMiddleware,
  type SessionMiddlewareOptions,
  type SessionStore,
} from './session'

/** Options of `createApp`. */
export interface AppOptions {
  store: SessionStore
  /** Passed to `createSessionMiddleware` (its `store` is the one above). */
  session?: Omit<SessionMiddlewareOptions, 'store'>
  /** Allowed CORS origins; empty or absent allows any origin (never with credentials). */
  corsOrigins?: readonly string[]
}

/**
 * The demo server: CORS, header sessions, JSON bodies, and the routes
 * `GET/POST /api/counter`, `GET /healthz`, `GET /readyz`.
 */
export function createApp(options: AppOptions): Koa {
  const { store } = options
  const session = createSessionMiddleware({ ...options.session, store })
  const headerName = options.session?.headerName ?? 'X-Header-Session'
  const statusHeaderName = options.session?.statusHeaderName ?? `${headerName}-Status`
  const origins = new Set(options.corsOrigins ?? [])

  const app = new Koa()
  app.proxy = true
  app.use(
    cors({
      origin: (ctx) =>
        origins.size === 0 ? '*' : origins.has(ctx.get('Origin')) ? ctx.get('Origin') : '',
      allowHeaders: [headerName, 'Content-Type', 'X-Client-Device'],
      exposeHeaders: [headerName, statusHeaderName],
      allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      maxAge: 7200,
      keepHeadersOnError: true,
    }),
  )
  app.use(jsonErrors)

  const open = new Router()
  open.get('/healthz', (ctx) => {
    ctx.body = { ok: true }
  })
  open.get('/readyz', async (ctx) => {
    try {
      await withTimeout(store.ping(), 1_000)
      ctx.body = { ok: true, store: store.kind }
    } catch {
      ctx.status = 503
      ctx.body = { ok: false, store: store.kind }
    }
  })
  app.use(open.routes())

  const api = new Router({ prefix: '/api' })
  api.get('/counter', (ctx) => {
    ctx.body = { count: ctx.session.get<number>('count') ?? 0 }
  })
  api.post('/counter', (ctx) => {
    const count = (ctx.session.get<number>('count') ?? 0) + 1
    ctx.session.set('count', count)
    ctx.body = { count }
  })
  app.use(session)
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '64kb' }))
  app.use(api.routes())
  app.use(api.allowedMethods())
  return app
}

/** Errors as JSON `{ error: { code, message } }`, with details only when they may be shown. */
async function jsonErrors(ctx: Koa.Context, next: Koa.Next): Promise<void> {
  try {
    await next()
    if (ctx.status === 404 && ctx.body === undefined) {
      ctx.status = 404
      ctx.body = { error: { code: 'NOT_FOUND', message: 'No such route' } }
    }
  } catch (error) {
    const e = error as HttpLikeError
    const status =
      typeof e.status === 'number' && e.status >= 400 && e.status < 600 ? e.status : 500
    ctx.status = status
    ctx.set(e.headers ?? {})
    ctx.body = { error: { code: errorCode(e, status), message: errorMessage(e, status) } }
    if (status >= 500) ctx.app.emit('error', error, ctx)
  }
}

interface HttpLikeError {
  name?: string
  status?: number
  expose?: boolean
  code?: unknown
  message?: string
  headers?: Record<string, string>
}

function errorCode(e: HttpLikeError, status: number): string {
  // co-body (under @koa/bodyparser) rethrows JSON.parse's SyntaxError with status 400.
  if (status === 400 && e.name === 'SyntaxError') return 'INVALID_JSON'
  if (status === 413) return 'PAYLOAD_TOO_LARGE'
  if (status >= 500) return 'INTERNAL_ERROR'
  if (typeof e.code === 'string' && /^[A-Z_]+$/.test(e.code)) return e.code
  return status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST'
}

function errorMessage(e: HttpLikeError, status: number): string {
  if (status === 400 && e.name === 'SyntaxError') return 'The request body is not valid JSON'
  if (status === 413) return 'The request body is larger than 64 KiB'
  if (e.expose && e.message) return e.message
  return status >= 500 ? 'Internal error' : 'Bad request'
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    work,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms))),
  ]).finally(() => clearTimeout(timer))
}
