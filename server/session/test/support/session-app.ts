import Router from '@koa/router'
import Koa from 'koa'
import { createSessionMiddleware, type JsonValue, type SessionMiddlewareOptions } from '../../src'

declare module 'koa' {
  interface Request {
    /** The parsed JSON body (`readJsonBody` below). */
    body?: unknown
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A small app exercising every session feature, for the protocol tests. `KoaClass` runs it on
 * another Koa (the compatibility tests pass koa 2).
 */
export function createSessionTestApp(
  options: SessionMiddlewareOptions,
  KoaClass: typeof Koa = Koa,
): Koa {
  const app = new KoaClass()
  app.silent = true
  const router = new Router()
  router.get('/read', async (ctx) => {
    const delayMs = Number(ctx.query.delayMs ?? 0)
    if (delayMs > 0) await sleep(delayMs)
    ctx.body = { data: ctx.session.data, isNew: ctx.session.isNew, userId: ctx.session.userId }
  })
  router.get('/cacheable', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=60')
    ctx.body = { count: ctx.session.get('count') ?? 0 }
  })
  router.post('/count-cacheable', (ctx) => {
    const data = ctx.session.data as { count?: number }
    data.count = (data.count ?? 0) + 1
    ctx.set('Cache-Control', 'public, max-age=60')
    ctx.body = { count: data.count }
  })
  router.get('/nothing', (ctx) => {
    ctx.body = { ok: true }
  })
  router.post('/set', (ctx) => {
    const { path, value, delayMs } = ctx.request.body as {
      path: string[]
      value: unknown
      delayMs?: number
    }
    // Whatever JSON the test sends: the middleware checks it at run time.
    ctx.session.set(path, value as JsonValue)
    ctx.body = { ok: true }
    return delayMs ? sleep(delayMs) : undefined
  })
  router.post('/secret', (ctx) => {
    const { name, value } = ctx.request.body as { name: string; value?: string }
    ctx.session.setSecret(name, value)
    ctx.body = { ok: true }
  })
  router.get('/secret/:name', (ctx) => {
    ctx.body = { value: ctx.session.getSecret(ctx.params.name ?? '') ?? null }
  })
  router.post('/replace-data', (ctx) => {
    ctx.session.data = { replaced: true }
    ctx.body = { ok: true }
  })
  router.post('/count', (ctx) => {
    const data = ctx.session.data as { count?: number }
    data.count = (data.count ?? 0) + 1
    ctx.body = { count: data.count }
  })
  router.post('/login', (ctx) => {
    const { userId, device } = ctx.request.body as { userId: string; device?: string }
    ctx.session.regenerate()
    ctx.session.setUser(userId, { device: device ?? null })
    ctx.body = { ok: true }
  })
  router.post('/logout', (ctx) => {
    ctx.session.destroy()
    ctx.status = 204
  })
  router.post('/throw', (ctx) => {
    ctx.session.set('lost', true)
    ctx.throw(409, 'handler failed')
  })
  router.post('/save-then-throw', async (ctx) => {
    ctx.session.set('saved', true)
    await ctx.session.save()
    ctx.session.set('lost', true)
    ctx.throw(500, 'boom')
  })
  app.use(createSessionMiddleware(options))
  app.use(readJsonBody)
  app.use(router.routes())
  return app
}

/** The request's JSON body as `ctx.request.body` (the test routes send small, well-formed ones). */
async function readJsonBody(ctx: Koa.Context, next: Koa.Next): Promise<void> {
  const chunks: Buffer[] = []
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  ctx.request.body = text === '' ? undefined : (JSON.parse(text) as unknown)
  await next()
}
