import type { DefaultState, Middleware, Next, ParameterizedContext } from 'koa'

/**
 * `middleware` (a router, say) for the requests whose path `paths` matches; the others go on
 * at once. A router looks at every request it is mounted for (the `Host` header, each of its
 * routes, an event when none matches): a router of a few paths mounted before everything costs
 * each request of the app that work. `paths` must match every path the router answers, in any
 * case and with a trailing slash, as `@koa/router` matches them.
 *
 * @example
 * app.use(onPaths(/^\/(?:healthz|readyz)(?:\/|$)/i, healthRouter.routes()))
 */
export function onPaths<State = DefaultState, Ctx = object>(
  paths: RegExp,
  middleware: Middleware<State, Ctx>,
): Middleware<State, Ctx> {
  return function onPathsOnly(ctx: ParameterizedContext<State, Ctx>, next: Next): Promise<unknown> {
    return paths.test(ctx.path) ? Promise.resolve(middleware(ctx, next)) : next()
  }
}
