import Koa, { type Context, type Next } from 'koa'
import Router from '@koa/router'
import { ApiRouter } from '../src/routes/api-router'
import { listen } from '../../session/test/support/http'

type AnyRouter = Router | ApiRouter

/** What a route sees of the router's dispatch: every field `@koa/router` sets on a context. */
function probe(ctx: Context): Record<string, unknown> {
  const routed = ctx as Context & Record<string, unknown>
  return {
    params: ctx.params as unknown,
    requestParams: (ctx.request as unknown as { params: unknown }).params,
    captures: routed.captures,
    routerPath: routed.routerPath,
    routerName: routed.routerName,
    matchedRoute: String(routed._matchedRoute),
    matchedRouteName: routed._matchedRouteName,
    matched: (routed.matched as { path: unknown }[]).map((layer) => String(layer.path)),
    routeMatched: routed.routeMatched,
    seen: ctx.state.seen as unknown,
  }
}

/** An app of one `ApiRouter` route, `GET /api/items/:id` answering `{ id }`, listening. */
async function serveItems() {
  const router = new ApiRouter({ prefix: '/api' })
  router.get('/items/:id', (ctx) => {
    ctx.body = { id: ctx.params.id }
  })
  const app = new Koa()
  app.use(router.routes())
  return { router, server: await listen(app) }
}

/** The same routes on a router of either kind: params, names, path middleware, nesting. */
function routes(router: AnyRouter): AnyRouter {
  const answer = (ctx: Context) => {
    ctx.body = probe(ctx)
    ctx.set('X-Probe', JSON.stringify(ctx.body))
  }
  const mark = (label: string) => async (ctx: Context, next: Next) => {
    ctx.state.seen = [...((ctx.state.seen as string[] | undefined) ?? []), label]
    await next()
  }
  router.param('id', async (id: string, ctx: Context, next: Next) => {
    if (id === 'bad') {
      ctx.status = 422
      ctx.body = { param: id }
      return
    }
    await next()
  })
  router.use(mark('all'))
  router.use('/users/:uid', mark('users'))
  router.get('/notes/:id', answer)
  router.post('/notes/:id', answer)
  router.get('item', '/items/:id', answer)
  router.get('/users/:uid/notes/:nid', answer)
  router.get('/files/:name', answer)
  router.all('/any', answer)
  // A route that changes what it was given, and one that hands on to the router after.
  router.get('/mutate/:id', (ctx) => {
    ;(ctx as Context & { captures: string[] }).captures.push('added')
    ctx.params.extra = 'added'
    answer(ctx)
  })
  router.get('/pass/:id', (_ctx, next) => next())
  const nested = new Router()
  nested.get('/inner/:id', answer)
  router.use('/nested', nested.routes())
  return router
}

/** An app of `router` with `allowedMethods`, and a router after it matching every path. */
async function serve(router: AnyRouter) {
  const after = new Router()
  after.get('/api/*rest', (ctx) => {
    ctx.body = { after: probe(ctx) }
    ctx.set('X-Probe', JSON.stringify(ctx.body))
  })
  const app = new Koa()
  app.use(router.routes())
  app.use(router.allowedMethods())
  app.use(after.routes())
  return listen(app)
}

const REQUESTS: [string, string][] = [
  ['GET', '/api/notes/1'],
  ['GET', '/api/notes/1'],
  ['HEAD', '/api/notes/1'],
  ['POST', '/api/notes/2'],
  ['DELETE', '/api/notes/2'],
  ['PROPFIND', '/api/notes/2'],
  ['GET', '/api/notes/bad'],
  ['GET', '/api/items/7'],
  ['GET', '/api/users/u1/notes/n2'],
  ['GET', '/api/files/a%20b%2Fc'],
  ['GET', '/api/files/%E0%A4%A'],
  ['PATCH', '/api/any'],
  ['GET', '/api/nested/inner/3'],
  ['GET', '/api/mutate/1'],
  ['GET', '/api/mutate/1'],
  ['GET', '/api/pass/1'],
  ['GET', '/api/pass/1'],
  ['HEAD', '/api/pass/1'],
  ['GET', '/api/missing'],
  ['GET', '/elsewhere'],
]

async function answers(url: string, requests: [string, string][]) {
  const out = []
  for (const [method, path] of requests) {
    const res = await fetch(url + path, { method })
    out.push({
      request: `${method} ${path}`,
      status: res.status,
      allow: res.headers.get('allow'),
      probe: res.headers.get('x-probe'),
      body: await res.text(),
    })
  }
  return out
}

describe('ApiRouter (the /api router that remembers its routes)', () => {
  it('sets on the context what @koa/router sets, request after request, over HTTP', async () => {
    const stock = await serve(routes(new Router({ prefix: '/api' })))
    const ours = await serve(routes(new ApiRouter({ prefix: '/api' })))
    try {
      const expected = await answers(stock.url, REQUESTS)
      expect(expected.map((answer) => answer.status)).toEqual([
        200, 200, 200, 200, 405, 501, 422, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
        200, 404,
      ])
      // Twice: the second time every path is one it remembers.
      expect(await answers(ours.url, REQUESTS)).toEqual(expected)
      expect(await answers(ours.url, REQUESTS)).toEqual(expected)
    } finally {
      await stock.close()
      await ours.close()
    }
  })

  it('forgets what it remembered when a route, middleware, param handler or prefix is added', async () => {
    const build = (router: AnyRouter) => {
      router.get('/a/:id', (ctx) => {
        ctx.body = probe(ctx)
      })
      return router
    }
    const stock = build(new Router())
    const ours = build(new ApiRouter())
    const stockServer = await serve(stock)
    const oursServer = await serve(ours)
    const changes: ((router: AnyRouter) => void)[] = [
      (router) =>
        router.get('/b', (ctx) => {
          ctx.body = 'b'
        }),
      (router) =>
        router.use(async (ctx, next) => {
          ctx.state.seen = ['added']
          await next()
        }),
      (router) =>
        router.param('id', async (id, ctx, next) => {
          if (id === 'x') ctx.status = 409
          else await next()
        }),
      (router) => router.prefix('/api'),
    ]
    const requests: [string, string][] = [
      ['GET', '/a/x'],
      ['GET', '/b'],
      ['GET', '/api/a/x'],
      ['GET', '/api/a/1'],
      ['GET', '/api/b'],
    ]
    try {
      for (const change of changes) {
        await answers(oursServer.url, requests)
        change(stock)
        change(ours)
        expect(await answers(oursServer.url, requests)).toEqual(
          await answers(stockServer.url, requests),
        )
      }
    } finally {
      await stockServer.close()
      await oursServer.close()
    }
  })

  it('answers right past the paths it remembers at most, over HTTP', async () => {
    const { router, server } = await serveItems()
    const matching = jest.spyOn(router, 'match')
    try {
      // More paths than it remembers (1000): it starts over, and goes on answering.
      for (let id = 0; id < 1_010; id += 1) {
        const res = await fetch(`${server.url}/api/items/${id}`)
        expect(await res.json()).toEqual({ id: String(id) })
      }
      // The paths since it started over are remembered; the first ones were let go.
      matching.mockClear()
      expect(await (await fetch(`${server.url}/api/items/1005`)).json()).toEqual({ id: '1005' })
      expect(matching).not.toHaveBeenCalled()
      expect(await (await fetch(`${server.url}/api/items/5`)).json()).toEqual({ id: '5' })
      expect(matching).toHaveBeenCalledTimes(1)
      expect((await fetch(`${server.url}/api/other`)).status).toBe(404)
    } finally {
      matching.mockRestore()
      await server.close()
    }
  })

  it('keeps its known routes through a stream of unknown paths', async () => {
    const { router, server } = await serveItems()
    const matching = jest.spyOn(router, 'match')
    try {
      expect((await fetch(`${server.url}/api/items/1`)).status).toBe(200)
      for (let n = 0; n < 1_010; n += 1) {
        expect((await fetch(`${server.url}/api/unknown/${n}`)).status).toBe(404)
      }
      matching.mockClear()
      expect(await (await fetch(`${server.url}/api/items/1`)).json()).toEqual({ id: '1' })
      expect(matching).not.toHaveBeenCalled()
    } finally {
      await server.close()
    }
  })

  it('leaves routers with a host to @koa/router', async () => {
    const router = new ApiRouter({ host: 'api.example' })
    router.get('/x', (ctx) => {
      ctx.body = 'x'
    })
    const app = new Koa()
    app.use(router.routes())
    const server = await listen(app)
    try {
      expect((await fetch(`${server.url}/x`)).status).toBe(404)
    } finally {
      await server.close()
    }
  })
})
