import Koa from 'koa'
import { ROUTE } from '../config'
import type { BenchServer } from './types'

/** Koa with the route and nothing else: the ceiling every session library is compared with. */
export async function createBareKoa(): Promise<BenchServer> {
  const app = new Koa()
  app.use(async function counter(ctx) {
    if (ctx.path !== ROUTE) return
    if (ctx.method === 'GET') ctx.body = { views: 0 }
    else if (ctx.method === 'POST') ctx.body = { views: 1 }
  })
  return { listener: app.callback(), queries: () => 0, close: async () => {} }
}
