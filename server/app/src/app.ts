import type { AddressInfo } from 'node:net'
import Koa, { type Context } from 'koa'
import type { Knex } from 'knex'
import pino, { type Logger } from 'pino'
import type { WechatStandIn } from '@header-session/testing'
import { parseTrustedProxies } from './http/client-address'
import { clientConnectionError } from './http/client-connection-error'
import { createEdge } from './http/edge'
import { createJsonBody, raiseBodyError } from './http/json-body'
import { exceptUnder, onPaths } from './http/on-paths'
import { defineRequestLogger } from './http/request-log'
import { createRequestLimits, type LimitsOptions, resolveLimitsOptions } from './limits'
import { bindModels } from './models'
import { apiRoutes, type AppRoutes, healthRoutes, webRoutes, type WebRoutesOptions } from './routes'
import {
  createSessionMiddleware,
  DEFAULT_SESSION_MIDDLEWARE_OPTIONS,
  SESSION_EVENT_TYPES,
  type SessionEvent,
  type SessionEventType,
  type SessionMiddlewareOptions,
  type SessionStore,
} from '@header-session/koa'
import {
  type Code2SessionOptions,
  DEFAULT_WECHAT_API_BASE,
  DEFAULT_WECHAT_TIMEOUT_MS,
} from './wechat/code2session'
import { type AppWechatOptions, createAppWechat } from './wechat/app-wechat'

/** How the server reaches WeChat's `jscode2session`. */
export interface WechatOptions {
  appId: string
  secret: string
  /** Default `https://api.weixin.qq.com`, or the mounted stand-in (see `wechatStandIn`). */
  apiBase?: string
  /** Deadline of a call, body included. Default 5000. */
  timeoutMs?: number
}

/** Options of `createApp`. */
export interface AppOptions extends AppWechatOptions {
  /** The session store. */
  store: SessionStore
  /** The database of `users` and `notes` (migrated: see `migrateApp`). */
  knex: Knex
  /** WeChat settings; may be left out when `wechatStandIn` is given. */
  wechat?: WechatOptions
  /**
   * A WeChat stand-in to mount at `/__dev/wechat` (development and tests only). Unless
   * `wechat.apiBase` says otherwise, logins then call it on this server's own address.
   */
  wechatStandIn?: WechatStandIn
  /**
   * Passed to `createSessionMiddleware` (its `store` is the one above). Your `onEvent` gets the
   * types of your `eventTypes` (default all); the app listens for its own warnings besides.
   */
  session?: Omit<SessionMiddlewareOptions, 'store'>
  /** Allowed CORS origins; empty or absent allows any origin (never with credentials). */
  corsOrigins?: readonly string[]
  /** Where logs go. Default: nowhere (`silent`). */
  logger?: Logger
  /** Where the H5 page (`GET /`) and the SDK's browser build (`GET /sdk/*.mjs`) are read. */
  web?: WebRoutesOptions
  /**
   * The proxies whose `X-Forwarded-For` names the client: addresses and CIDR ranges, IPv4 or
   * IPv6. Default: none, the client is the socket's peer whatever the header says. The client
   * address is what the limits count and what every request log line carries.
   */
  trustProxy?: readonly string[]
  /**
   * Rate limits (anonymous sessions and logins per client address, logins per openid) and the
   * cap of sessions per user; see `LimitsOptions` for the defaults. A refused request answers
   * 429 `RATE_LIMITED` with `Retry-After`. Without `limits.store`, counts stay in this
   * process's memory (a warning says so).
   */
  limits?: LimitsOptions
  /**
   * Your own routes: called once with the `/api` router, after the app's routes are on it, and
   * the dependencies they were given (store, knex, models, clock…). Register `/things` and it
   * answers at `/api/things`, with `ctx.session`, `ctx.request.body` (JSON) and `ctx.log`, and
   * errors rendered as JSON like the app's. A path the app already answers stays the app's.
   *
   * @example
   * createApp({ ...options, routes: (router) => router.get('/hello', (ctx) => {
   *   ctx.body = { hello: ctx.session.get<string>('name') ?? 'stranger' }
   * }) })
   */
  routes?: AppRoutes
}

/** The session events the app logs as warnings. */
const WARNED_EVENTS: ReadonlySet<SessionEventType> = new Set(['storeError', 'conflict', 'invalid'])

/** Where the `/api` router's paths start; no health or web path does. */
const API_PREFIX = '/api/'

/** The paths of `healthRoutes`, in any case, with or without a trailing slash. */
const HEALTH_PATHS = /^\/(?:healthz|readyz)(?:\/|$)/i

/** The WeChat settings for a request: fixed, or the stand-in on the socket's own address. */
function wechatSettings(options: AppOptions): (ctx: Context) => Code2SessionOptions {
  const { wechat, wechatStandIn } = options
  const appId = wechat?.appId ?? wechatStandIn?.appId
  const secret = wechat?.secret ?? wechatStandIn?.secret
  if (appId === undefined || secret === undefined) {
    throw new TypeError('createApp: `wechat` (appId, secret) or `wechatStandIn` is required')
  }
  const timeoutMs = wechat?.timeoutMs ?? DEFAULT_WECHAT_TIMEOUT_MS
  const apiBase = wechat?.apiBase?.replace(/\/+$/, '')
  if (apiBase !== undefined || !wechatStandIn) {
    const fixed = { appId, secret, timeoutMs, apiBase: apiBase ?? DEFAULT_WECHAT_API_BASE }
    return () => fixed
  }
  // The request came in on this socket, so this server listens there: no guessing of ports,
  // and no Host header an attacker could point elsewhere.
  return (ctx) => {
    const { address, port, family } = ctx.req.socket.address() as AddressInfo
    const host = family === 'IPv6' ? `[${address}]` : address
    return { appId, secret, timeoutMs, apiBase: `http://${host}:${port}${wechatStandIn.basePath}` }
  }
}

/**
 * The reference app: CORS, request logs, JSON errors, header sessions, JSON bodies (64 KiB at
 * most), and the routes of `routes/` (login through WeChat, the user's notes and sessions, an
 * anonymous cart and counter, health, the H5 page at `/`). The caller owns and migrates `store`
 * and `knex`.
 *
 * @throws TypeError when neither `wechat` nor `wechatStandIn` is given, or when `trustProxy`,
 *   `limits` or `routes` hold a bad value (the message names it).
 * @example
 * const app = createApp({ store, knex, wechat: { appId, secret }, logger: pino() })
 */
export function createApp(options: AppOptions): Koa {
  const { store, knex } = options
  if (options.routes !== undefined && typeof options.routes !== 'function') {
    throw new TypeError(
      `createApp: routes: expected a function (router, deps) => void, got ${typeof options.routes}`,
    )
  }
  const logger = options.logger ?? pino({ level: 'silent' })
  const headerName = options.session?.headerName ?? DEFAULT_SESSION_MIDDLEWARE_OPTIONS.headerName
  const statusHeaderName = options.session?.statusHeaderName ?? `${headerName}-Status`
  const onEvent = options.session?.onEvent
  const storeTimeoutMs =
    options.session?.storeTimeoutMs ?? DEFAULT_SESSION_MIDDLEWARE_OPTIONS.storeTimeoutMs
  let trusted
  try {
    trusted = parseTrustedProxies(options.trustProxy ?? [])
  } catch (error) {
    throw new TypeError(`createApp: trustProxy: ${(error as Error).message}`)
  }
  const limits = createRequestLimits(
    resolveLimitsOptions(options.limits, { type: 'memory' }),
    logger,
  )
  if (!options.limits?.store)
    logger.warn('rate limits counted in this process only (no limits.store)')
  const beforeCreate = options.session?.beforeCreate
  // The caller's listener gets the types it asked for (all by default); the app adds its own.
  const callerTypes = new Set<SessionEventType>(
    onEvent ? (options.session?.eventTypes ?? SESSION_EVENT_TYPES) : [],
  )
  const session = createSessionMiddleware({
    ...options.session,
    store,
    // Every answer depends on Origin (CORS): listed in the session's own Vary, it is written
    // once per answer, not merged in again by the edge (`varyOnOrigin`).
    vary: ['Origin', ...(options.session?.vary ?? [])],
    beforeCreate: async (ctx) => {
      await beforeCreate?.(ctx)
      await limits.beforeSessionCreate(ctx)
    },
    onEvent: (event: SessionEvent) => {
      if (WARNED_EVENTS.has(event.type)) {
        logger.warn({ hint: event.hint, reason: event.reason, store: event.store }, event.type)
      }
      if (callerTypes.has(event.type)) onEvent?.(event)
    },
    eventTypes: [...new Set([...WARNED_EVENTS, ...callerTypes])],
  })
  const origins = new Set(options.corsOrigins ?? [])
  const models = bindModels(knex)
  const api = apiRoutes(
    {
      store,
      knex,
      models,
      wechat: wechatSettings(options),
      ...createAppWechat(options, wechatSettings(options), logger),
      now: options.session?.now ?? Date.now,
      sessions: session.admin,
      limits,
    },
    options.routes,
  )

  const app = new Koa()
  // Koa's proxy mode believes any X-Forwarded-For; the edge's clientAddress checks who sent it.
  app.proxy = false
  defineRequestLogger(app.context, logger)
  app.on('error', (error: Error, ctx?: Context) => {
    const log = ctx?.log ?? logger
    // A timed-out or half-sent request is the client's doing: logged, not as a fault of ours.
    const code = clientConnectionError(error)
    if (code !== null) log.info({ code }, 'client connection ended')
    else log.error({ err: error }, 'unexpected error')
  })
  // CORS, client address, request id and log line, JSON errors, X-HTTP-Method-Override.
  app.use(createEdge({ origins, headerName, statusHeaderName, trusted, logger }))
  // The stand-in answers its own paths only; a router of a few paths is entered only for
  // those (see `onPaths`).
  if (options.wechatStandIn) app.use(options.wechatStandIn.koa())
  // Health and web routes in one layer: the web page's paths are none of the health paths,
  // and no path under /api/ is either (most requests: they go on after one test).
  app.use(
    exceptUnder(
      API_PREFIX,
      onPaths(
        HEALTH_PATHS,
        healthRoutes(store, knex, storeTimeoutMs).routes(),
        webRoutes(options.web),
      ),
    ),
  )
  // The body is read before the session is loaded: a client that drips its body holds a
  // socket until the server's requestTimeout, never a loaded session (nor a store call). A
  // refused body is answered after the session middleware, so the 400 carries its headers.
  app.use(createJsonBody({ limitBytes: 65_536, deferErrors: true }))
  app.use(session)
  app.use(raiseBodyError)
  app.use(api.routes())
  app.use(api.allowedMethods())
  return app
}
