import { openSync } from 'node:fs'
import type { Context } from 'koa'
import {
  createApp,
  createLineBatch,
  createLogger,
  migrateAll,
  type AppRouter,
} from '@header-session/server'
import type { SessionStore } from '@header-session/koa'
import { createRedisStore } from '@header-session/koa/redis'
import { createSqlStore } from '@header-session/koa/sql'
import { HEADER, ROUTE, SESSION_DEADLINE, SESSION_MAX_AGE_MS } from '../config'
import type { CounterData } from './koa-route'
import { openIoredis } from './redis-client'
import { openKnex } from './sql'
import type { BenchServer } from './types'

/** Where the bench's route is mounted in the app: its `/api` router, under `/bench`. */
const BASE_PATH = '/api/bench'

/**
 * The bench's counter as a route of the app's own (`createApp`'s `routes` option), reading the
 * session as the minimal servers do (`ctx.session.data`).
 */
function benchRoutes(router: AppRouter): void {
  const path = BASE_PATH.slice('/api'.length) + ROUTE
  const data = (ctx: Context) => ctx.session.data as CounterData
  router.get(path, (ctx) => {
    ctx.body = { views: data(ctx).views ?? 0 }
  })
  router.post(path, (ctx) => {
    const session = data(ctx)
    session.views = (session.views ?? 0) + 1
    ctx.body = { views: session.views }
  })
}

/**
 * The app's logger (`createLogger`, as `main.ts` builds it) writing to `/dev/null` as it writes
 * to stdout in production (`createLineBatch`: one `write` per turn of the event loop), no reader.
 */
function nullLogger() {
  return createLogger('info', {
    headerName: HEADER,
    destination: createLineBatch(openSync('/dev/null', 'w')),
  })
}

/**
 * The reference app (`createApp`: CORS, request id and log line, JSON errors, health and web
 * routes, JSON bodies, the session, the `/api` router with every route of the app) on the
 * session store `kind`, users and notes in sqlite, and the bench's counter added as a route of
 * its own. The limit on anonymous sessions per address is off: the create scenario makes
 * thousands a second from one address, which the limit exists to refuse.
 */
export async function createReferenceApp(kind: 'redis' | 'sqlite'): Promise<BenchServer> {
  const db = openKnex('sqlite', `app-${kind}`)
  const { knex } = db
  await migrateAll(knex)
  const redis = kind === 'redis' ? await openIoredis() : null
  const store: SessionStore = redis
    ? createRedisStore({ client: redis.client, prefix: 'bench:app:' })
    : createSqlStore({ knex })
  const app = createApp({
    store,
    knex,
    wechat: { appId: 'bench', secret: 'bench' },
    logger: nullLogger(),
    session: { headerName: HEADER, idleTimeoutMs: SESSION_MAX_AGE_MS, ...SESSION_DEADLINE },
    limits: {
      store: redis ? { type: 'redis', client: redis.client } : { type: 'memory' },
      sessionsPerAddress: { points: 0, windowMs: 60_000 },
    },
    routes: benchRoutes,
  })
  return {
    listener: app.callback(),
    basePath: BASE_PATH,
    queries: redis ? redis.commands : db.queries,
    async close() {
      await redis?.client.quit()
      await db.close()
    },
  }
}
