import type { AppRouter } from './route-deps'

/** `GET /counter`, `POST /counter`: an anonymous count kept in the session. */
export function registerCounterRoutes(router: AppRouter): void {
  router.get('/counter', (ctx) => {
    ctx.body = { count: ctx.session.get('count') ?? 0 }
  })
  router.post('/counter', (ctx) => {
    const count = (ctx.session.get('count') ?? 0) + 1
    ctx.session.set('count', count)
    ctx.body = { count }
  })
}
