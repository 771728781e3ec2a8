import Router from '@koa/router'

type MatchResult = ReturnType<Router['match']>

/** Paths and methods an `ApiRouter` remembers the match of; when full, it starts over. */
const MAX_REMEMBERED = 1_000

/**
 * `@koa/router`, remembering which routes match a path and method. The router tests each
 * request against every route it has, one regular expression each; the app's `/api` router
 * has a few dozen, and most requests are for the same few paths. A route registered later
 * clears what was remembered.
 */
export class ApiRouter extends Router {
  private remembered: Map<string, MatchResult> | undefined

  override match(path: string, method: string): MatchResult {
    const key = `${method} ${path}`
    this.remembered ??= new Map()
    let found = this.remembered.get(key)
    if (found === undefined) {
      found = super.match(path, method)
      if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear()
      this.remembered.set(key, found)
    }
    // A router that matches after this one appends its routes to `path`: a copy each time.
    return { ...found, path: [...found.path] }
  }

  override register(...args: Parameters<Router['register']>): ReturnType<Router['register']> {
    this.remembered?.clear()
    return super.register(...args)
  }
}
