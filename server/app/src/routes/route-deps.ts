import type Router from '@koa/router'
import type { Context } from 'koa'
import type { Knex } from 'knex'
import type { RequestLimits } from '../limits'
import type { Models } from '../models'
import type { SessionAdmin, SessionStore } from '@header-session/koa'
import type { ResolvedContentCheckOptions } from '../wechat/app-wechat'
import type { Code2SessionOptions } from '../wechat/code2session'
import type { WechatApi } from '../wechat/wechat-api'

/** What the route modules need, yours too (`AppOptions.routes`); built once by `createApp`. */
export interface RouteDeps {
  store: SessionStore
  knex: Knex
  models: Models
  /** The WeChat call's settings for this request (the stand-in's URL depends on the socket). */
  wechat(ctx: Context): Code2SessionOptions
  /**
   * WeChat's user APIs (`getPhoneNumber`, `msgSecCheck`, `checkSessionKey`) for this request,
   * on the app's shared access_token.
   */
  wechatApi(ctx: Context): WechatApi
  /** What the notes do when WeChat cannot check a text (`AppOptions.contentCheck`). */
  contentCheck: ResolvedContentCheckOptions
  /** The session middleware's clock. */
  now(): number
  /** The session admin (`createSessionMiddleware(...).admin`): list and revoke a user's sessions. */
  sessions: SessionAdmin
  /** The login limits and the cap of sessions per user. */
  limits: RequestLimits
}

/**
 * The `/api` router as the route modules receive it: a path registered on it as `/things` is
 * answered at `/api/things`, after the session middleware (`ctx.session`, `ctx.request.body`
 * and `ctx.log` are ready).
 */
export type AppRouter = Router

/**
 * Registers routes of your own on the app's `/api` router (`AppOptions.routes`), after the
 * app's. Called once, by `createApp`.
 */
export type AppRoutes = (router: AppRouter, deps: RouteDeps) => void
