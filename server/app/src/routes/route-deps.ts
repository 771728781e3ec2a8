import type Router from '@koa/router'
import type { Context } from 'koa'
import type { Knex } from 'knex'
import type { RequestLimits } from '../limits'
import type { Models } from '../models'
import type { SessionStore } from '@header-session/koa'
import type { Code2SessionOptions } from '../wechat/code2session'

/** What the route modules need; built once by `createApp`. */
export interface RouteDeps {
  store: SessionStore
  knex: Knex
  models: Models
  /** The WeChat call's settings for this request (the stand-in's URL depends on the socket). */
  wechat(ctx: Context): Code2SessionOptions
  /** The session middleware's clock. */
  now(): number
  /** Deadline of the store calls routes make themselves (listing, revoking). */
  storeTimeoutMs: number
  /** The login limits and the cap of sessions per user. */
  limits: RequestLimits
}

/** A router as the route modules receive it. */
export type AppRouter = Router
