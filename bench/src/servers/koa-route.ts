import type { Context } from 'koa'
import { ROUTE } from '../config'

/** Session data as the counter route sees it. */
export interface CounterData {
  views?: number
}

/**
 * The counter route on Koa for a session library: GET answers the count, POST increments it.
 * `data` gives the request's session data (each library exposes it differently).
 */
export function counterRoute(data: (ctx: Context) => CounterData) {
  return async function counter(ctx: Context): Promise<void> {
    if (ctx.path !== ROUTE) return
    const session = data(ctx)
    if (ctx.method === 'GET') {
      ctx.body = { views: session.views ?? 0 }
    } else if (ctx.method === 'POST') {
      session.views = (session.views ?? 0) + 1
      ctx.body = { views: session.views }
    }
  }
}
