import Router from '@koa/router'
import { registerAuthRoutes } from './auth'
import { registerCartRoutes } from './cart'
import { registerCounterRoutes } from './counter'
import { registerNoteRoutes } from './notes'
import type { RouteDeps } from './route-deps'
import { registerSessionRoutes } from './sessions'

export { healthRoutes } from './health'
export { webRoutes, type WebRoutesOptions } from './web'
export type { RouteDeps } from './route-deps'

/** Every `/api` route of the reference app (mounted after the session middleware). */
export function apiRoutes(deps: RouteDeps): Router {
  const router = new Router({ prefix: '/api' })
  registerAuthRoutes(router, deps)
  registerCounterRoutes(router)
  registerCartRoutes(router)
  registerNoteRoutes(router, deps)
  registerSessionRoutes(router, deps)
  return router
}
