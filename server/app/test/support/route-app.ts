import { randomBytes } from 'node:crypto'
import Redis from 'ioredis'
import type { Knex } from 'knex'
import { createApp, type AppOptions } from '../../src/app'
import { createWechatStandIn, type WechatStandIn } from '@header-session/testing'
import { type LimitStore, openSqlLimitStore } from '../../src/limits'
import { REDIS_CLIENT_OPTIONS } from '@header-session/koa/redis'
import { migrateAll } from '../../src/open-store'
import type { AccessTokenStore } from '../../src/wechat/access-token-store'
import { createRedisAccessTokenStore } from '../../src/wechat/redis-access-token-store'
import { createSqlAccessTokenStore } from '../../src/wechat/sql-access-token-store'
import type { SessionStore } from '@header-session/koa'
import { createRedisStore } from '@header-session/koa/redis'
import { createSqlStore } from '@header-session/koa/sql'
import { listen, TokenClient, type TestServer } from '../../../session/test/support/http'
import { describeWith, SERVICES } from '../../../session/test/support/services'
import { openTestDatabase, type TestDatabase } from '../../../session/test/support/sql'

/** Which session store a route test runs on (users and notes are always in sqlite). */
export type RouteStoreKind = 'sqlite' | 'redis'

/** A reference app on a temp sqlite database, listening on a free port. */
export interface RouteHarness {
  url: string
  store: SessionStore
  knex: Knex
  standIn: WechatStandIn
  /** Added to `Date.now()` by the session middleware's clock. */
  clock: { offsetMs: number }
  /**
   * The limit store of the session store's kind (Redis: its client; sqlite: the limits file
   * beside the database). Apps get it, under a prefix of this harness, when `limits` is given.
   */
  limitStore: LimitStore
  /**
   * Where the apps share WeChat's access_token: with Redis sessions the Redis client (under a
   * prefix of this harness), given to the apps as `startServer` does; else the app's default,
   * the database's table (a store on it is here to read the token).
   */
  accessTokenStore: AccessTokenStore
  /** A client that logs in through the stand-in (over HTTP, as the H5 page would). */
  loggedIn(openid?: string, device?: string): Promise<TokenClient>
  /** Another app on the same store and database, with other options (e.g. a dead WeChat). */
  variant(options: Partial<AppOptions>): Promise<TestServer>
  close(): Promise<void>
}

/** Issue a code from the app's stand-in over HTTP. */
export async function devCode(url: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await fetch(`${url}/__dev/wechat/codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (res.status !== 200) throw new Error(`stand-in answered ${res.status}`)
  return ((await res.json()) as { code: string }).code
}

async function openStore(
  kind: RouteStoreKind,
  knex: Knex,
  prefix: string,
): Promise<{ store: SessionStore; limitStore: LimitStore; close(): Promise<void> }> {
  if (kind === 'sqlite') {
    const limits = await openSqlLimitStore(knex)
    return { store: createSqlStore({ knex }), limitStore: limits.store, close: limits.close }
  }
  const client = new Redis(SERVICES.redis.url, REDIS_CLIENT_OPTIONS)
  await new Promise((resolve) => client.once('ready', resolve))
  return {
    store: createRedisStore({ client, prefix: `${prefix}:` }),
    limitStore: { type: 'redis', client },
    close: async () => {
      const keys = await client.keys(`${prefix}:*`)
      if (keys.length > 0) await client.del(...keys)
      await client.quit()
    },
  }
}

/** Build the harness; `options` go to `createApp` (over the defaults here). */
export async function openRouteHarness(
  kind: RouteStoreKind,
  options: Partial<AppOptions> = {},
): Promise<RouteHarness> {
  const database: TestDatabase = openTestDatabase('sqlite')
  const knex = database.connect()
  await migrateAll(knex)
  const prefix = `hs-routes:${randomBytes(6).toString('hex')}`
  const opened = await openStore(kind, knex, prefix)
  const standIn = createWechatStandIn()
  const clock = { offsetMs: 0 }
  const servers: TestServer[] = []
  const redisTokens =
    opened.limitStore.type === 'redis'
      ? createRedisAccessTokenStore({
          client: opened.limitStore.client,
          appId: standIn.appId,
          keyPrefix: `${prefix}:wechat`,
        })
      : undefined
  const build = (extra: Partial<AppOptions>) => {
    const limits = extra.limits ?? options.limits
    return createApp({
      store: opened.store,
      knex,
      wechatStandIn: standIn,
      wechat: { appId: standIn.appId, secret: standIn.secret, timeoutMs: 500 },
      session: { now: () => Date.now() + clock.offsetMs },
      ...(redisTokens && { accessTokenStore: redisTokens }),
      ...options,
      ...extra,
      ...(limits && {
        limits: { store: opened.limitStore, keyPrefix: `${prefix}:limit`, ...limits },
      }),
    })
  }
  const main = await listen(build({}))
  servers.push(main)
  return {
    url: main.url,
    store: opened.store,
    knex,
    standIn,
    clock,
    limitStore: opened.limitStore,
    accessTokenStore: redisTokens ?? createSqlAccessTokenStore({ knex, appId: standIn.appId }),
    async loggedIn(openid, device) {
      const c = new TokenClient(main.url)
      const code = await devCode(main.url, openid === undefined ? {} : { openid })
      const res = await c.send(
        'POST',
        '/api/auth/login',
        { code },
        device ? { 'X-Client-Device': device } : {},
      )
      if (res.status !== 200)
        throw new Error(`login answered ${res.status}: ${JSON.stringify(res.body)}`)
      return c
    },
    async variant(extra) {
      const server = await listen(build(extra))
      servers.push(server)
      return server
    },
    async close() {
      await Promise.all(servers.map((s) => s.close()))
      await opened.close()
      await database.close()
    },
  }
}

/**
 * Run `body` once per session store: sqlite (always) and Redis (skipped loudly outside CI when
 * Redis is not running). `harness()` is valid inside tests.
 */
export function describeRoutes(
  title: string,
  body: (harness: () => RouteHarness) => void,
  options: Partial<AppOptions> = {},
): void {
  for (const kind of ['sqlite', 'redis'] as const) {
    const describeIt = kind === 'redis' ? describeWith('redis') : describe
    describeIt(`${title} (sessions in ${kind})`, () => {
      let harness: RouteHarness | undefined
      beforeAll(async () => {
        harness = await openRouteHarness(kind, options)
      })
      afterAll(async () => harness?.close())
      body(() => {
        if (!harness) throw new Error('the route harness is not open')
        return harness
      })
    })
  }
}
