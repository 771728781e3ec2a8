import Router from '@koa/router'
import type { Knex } from 'knex'
import { withTimeout } from '../http/with-timeout'
import type { SessionStore } from '@header-session/koa'
import { databaseClient } from '../db/database-engine'

/**
 * `GET /healthz` (the process answers) and `GET /readyz` (the session store and the database
 * each answer within `deadlineMs`, the session middleware's `storeTimeoutMs`; 503 otherwise).
 * Mounted before the session middleware: no session.
 */
export function healthRoutes(store: SessionStore, knex: Knex, deadlineMs: number): Router {
  const router = new Router()
  router.get('/healthz', (ctx) => {
    ctx.body = { ok: true }
  })
  router.get('/readyz', async (ctx) => {
    const [storeOk, databaseOk] = await Promise.all([
      withTimeout(store.ping(), deadlineMs).then(
        () => true,
        () => false,
      ),
      withTimeout(knex.raw('select 1'), deadlineMs).then(
        () => true,
        () => false,
      ),
    ])
    ctx.status = storeOk && databaseOk ? 200 : 503
    ctx.body = {
      ok: storeOk && databaseOk,
      store: store.kind,
      database: databaseClient(knex),
      ...(storeOk && databaseOk ? {} : { storeOk, databaseOk }),
    }
  })
  return router
}
