import type Router from '@koa/router'
import { ApiRouter } from './api-router'
import { registerAuthRoutes } from './auth'
import { registerCartRoutes } from './cart'
import { registerCounterRoutes } from './counter'
import { registerNoteRoutes } from './notes'
import { registerPhoneRoutes } from './phone'
import type { AppRoutes, RouteDeps } from './route-deps'
import { registerSessionRoutes } from './sessions'
import { registerWeRunRoutes } from './werun'
// The app's session fields (SessionData), for every route module.
import '../session-data'

export { healthRoutes } from './health'
export { webRoutes, type WebRoutesOptions } from './web'
export type { AppRouter, AppRoutes, RouteDeps } from './route-deps'

/**
 * Every `/api` route of the reference app, then `extra`'s (mounted after the session
 * middleware). A path registered twice is answered by the first registration: the app's.
 */
export function apiRoutes(deps: RouteDeps, extra?: AppRoutes): Router {
  const router = new ApiRouter({ prefix: '/api' })
  registerAuthRoutes(router, deps)
  registerCounterRoutes(router)
  registerCartRoutes(router)
  registerNoteRoutes(router, deps)
  registerSessionRoutes(router, deps)
  registerPhoneRoutes(router, deps)
  registerWeRunRoutes(router, deps)
  extra?.(router, deps)
  return router
}
