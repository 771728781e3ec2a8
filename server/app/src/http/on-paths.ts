import type { DefaultState, Middleware, Next, ParameterizedContext } from 'koa'

/**
 * `middleware` (a router, say) for the requests whose path `paths` matches; the others go to
 * `otherwise` when given, else on at once. A router looks at every request it is mounted for
 * (the `Host` header, each of its routes, an event when none matches): a router of a few paths
 * mounted before everything costs each request of the app that work. `paths` must match every
 * path the router answers, in any case and with a trailing slash, as `@koa/router` matches
 * them. `otherwise` saves the others a layer of their own (a dispatch and a promise each);
 * it must answer none of the paths `paths` matches, since those never reach it.
 *
 * @example
 * app.use(onPaths(/^\/(?:healthz|readyz)(?:\/|$)/i, healthRouter.routes()))
 */
export function onPaths<State = DefaultState, Ctx = object>(
  paths: RegExp,
  middleware: Middleware<State, Ctx>,
  otherwise?: Middleware<State, Ctx>,
): Middleware<State, Ctx> {
  return function onPathsOnly(ctx: ParameterizedContext<State, Ctx>, next: Next): Promise<unknown> {
    if (paths.test(ctx.request.path)) return Promise.resolve(middleware(ctx, next))
    return otherwise ? Promise.resolve(otherwise(ctx, next)) : next()
  }
}

/**
 * `middleware` for the requests whose path does not start with `prefix`; those that do go on at
 * once, after one string test. For a layer that answers none of the paths under `prefix` and
 * sits before the routes that do (the app's health and web layer, before `/api/`).
 *
 * @example
 * app.use(exceptUnder('/api/', onPaths(HEALTH_PATHS, healthRouter.routes(), webPage)))
 */
export function exceptUnder<State = DefaultState, Ctx = object>(
  prefix: string,
  middleware: Middleware<State, Ctx>,
): Middleware<State, Ctx> {
  return function exceptUnderPrefix(
    ctx: ParameterizedContext<State, Ctx>,
    next: Next,
  ): Promise<unknown> {
    // `ctx.path` is this through Koa's delegate, a generic property load on every request.
    if (ctx.request.path.startsWith(prefix)) return next()
    return Promise.resolve(middleware(ctx, next))
  }
}
