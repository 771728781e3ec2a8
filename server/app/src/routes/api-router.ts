import Router, { type Layer, type RouterContext, type RouterMiddleware } from '@koa/router'
import compose from 'koa-compose'
import type { Next } from 'koa'

/** Paths and methods an `ApiRouter` remembers the route of; when full, it starts over. */
const MAX_REMEMBERED = 1_000

/** The fields `@koa/router` sets on a context as it dispatches, some of them undeclared. */
type DispatchContext = RouterContext & {
  matched?: Layer[]
  router?: Router
  routeMatched?: boolean
  captures?: string[]
  _matchedRoute?: string | RegExp
  _matchedRouteName?: string
}

/** What an `ApiRouter` remembers of a method and path that has a route. */
interface RememberedRoute {
  /** Every layer whose path matches (`ctx.matched`, which `allowedMethods` reads). */
  layers: Layer[]
  /** The matched layers' middleware, each behind its entry, composed once. */
  chain: (ctx: DispatchContext, next: Next) => Promise<unknown>
  /** The last matched layer with methods: `ctx._matchedRoute` and `_matchedRouteName`. */
  route: Layer | undefined
}

/**
 * The entry of one matched layer into the chain, for one request path: what `@koa/router` sets
 * before a layer's middleware runs (captures, params, `routerPath`, `routerName`, the matched
 * route). The captures of a path are computed once; the params are a new object each request,
 * merged with those of the layers before, as the router makes them.
 */
function enterLayer(layer: Layer, requestPath: string): RouterMiddleware {
  const captures = layer.captures(requestPath)
  // Without named params, `layer.params` is a copy of the params before (or `{}`).
  const named = layer.paramNames.length > 0
  return function enter(ctx: DispatchContext, next) {
    ctx.captures = captures.slice()
    ctx.request.params = named
      ? layer.params(requestPath, ctx.captures, ctx.params)
      : { ...ctx.params }
    ctx.params = ctx.request.params
    ctx.routerPath = layer.path as string
    ctx.routerName = layer.name || undefined
    ctx._matchedRoute = layer.path
    if (layer.name) ctx._matchedRouteName = layer.name
    return next()
  }
}

/**
 * `@koa/router`, dispatching a method and path it has seen before without matching again. For
 * each request the router tests every route (one regular expression each), reads `Host` for
 * host matching, and composes a new chain of the matched routes' middleware; the app's `/api`
 * router has a few dozen routes and most requests are for the same few paths. This one
 * remembers, per method and path, the matched layers and their chain, composed once, and sets
 * on the context what the router sets. Requests that match no route (they are not remembered,
 * so a stream of unknown paths does not push out the known ones), and routers with `host`,
 * `exclusive` or `routerPath`, go through `@koa/router`'s own dispatch. Adding a route, a
 * middleware, a param handler or a prefix clears what was remembered.
 */
export class ApiRouter extends Router {
  /** Per method, per path: the remembered routes (no key string to build per request). */
  private remembered = new Map<string, Map<string, RememberedRoute>>()

  override middleware(): ReturnType<Router['middleware']> {
    const stock = super.middleware()
    const dispatch = (ctx: DispatchContext, next: Next): Promise<unknown> => {
      if (this.host !== undefined || this.exclusive || this.opts.routerPath) return stock(ctx, next)
      // As `@koa/router` reads the path to match (its `routerPath` option is handled above);
      // `ctx.request` without the delegates of `ctx.path` and `ctx.method`.
      const requestPath =
        (ctx as { newRouterPath?: string }).newRouterPath ||
        ctx.request.path ||
        ctx.routerPath ||
        ''
      const found = this.routeOf(requestPath, ctx.request.method)
      if (found === undefined) return stock(ctx, next)
      if (ctx.matched) ctx.matched.push(...found.layers)
      else ctx.matched = found.layers.slice()
      ctx.router = this
      ctx.routeMatched = true
      if (found.route) {
        ctx._matchedRoute = found.route.path
        if (found.route.name) ctx._matchedRouteName = found.route.name
      }
      return found.chain(ctx, next)
    }
    return Object.assign(dispatch, { router: this }) as unknown as ReturnType<Router['middleware']>
  }

  override register(...args: Parameters<Router['register']>): ReturnType<Router['register']> {
    this.remembered.clear()
    return super.register(...args)
  }

  // `use`, `param` and `prefix` are overloaded in `@koa/router`'s types: any arguments here,
  // checked by theirs at the call.
  override use(...args: unknown[]): this {
    Reflect.apply(super.use, this, args)
    this.remembered.clear()
    return this
  }

  override param(...args: unknown[]): this {
    Reflect.apply(super.param, this, args)
    this.remembered.clear()
    return this
  }

  override prefix(...args: unknown[]): this {
    Reflect.apply(super.prefix, this, args)
    this.remembered.clear()
    return this
  }

  /**
   * The remembered route of `method` and `path`, matched and composed the first time; undefined
   * when no route matches.
   */
  private routeOf(path: string, method: string): RememberedRoute | undefined {
    const known = this.remembered.get(method)?.get(path)
    if (known !== undefined) return known
    const match = this.match(path, method)
    if (!match.route) return undefined
    const entries = match.pathAndMethod.flatMap((layer) => [
      enterLayer(layer, path),
      ...layer.stack,
    ])
    const found: RememberedRoute = {
      layers: match.path,
      chain: compose(entries as compose.Middleware<DispatchContext>[]),
      route: [...match.pathAndMethod].reverse().find((layer) => layer.methods.length > 0),
    }
    let count = 0
    for (const byPath of this.remembered.values()) count += byPath.size
    if (count >= MAX_REMEMBERED) this.remembered.clear()
    let byPath = this.remembered.get(method)
    if (byPath === undefined) this.remembered.set(method, (byPath = new Map()))
    byPath.set(path, found)
    return found
  }
}
