import type { Context } from 'koa'
import type { Knex } from 'knex'
import type { Logger } from 'pino'
import { createAccessTokenProvider } from './access-token'
import type { AccessTokenStore } from './access-token-store'
import type { Code2SessionOptions } from './code2session'
import { createSqlAccessTokenStore } from './sql-access-token-store'
import { createWechatApi, type WechatApi } from './wechat-api'

/** What the app does with a note when WeChat cannot check its text. */
export type ContentCheckFallback = 'refuse' | 'store'

/** Options of the notes' content check (`createApp({ contentCheck })`). */
export interface ContentCheckOptions {
  /**
   * When WeChat cannot check a text (busy, unreachable, a per-minute limit, the day's quota,
   * our credentials refused): `'refuse'` answers 503 `CONTENT_CHECK_UNAVAILABLE` with
   * `Retry-After` and stores nothing; `'store'` stores the text unchecked and logs a warning.
   * Default `'refuse'`.
   */
  whenUnavailable?: ContentCheckFallback
}

/** `ContentCheckOptions` with every default applied. */
export type ResolvedContentCheckOptions = Required<ContentCheckOptions>

/** Defaults of `ContentCheckOptions`. */
export const DEFAULT_CONTENT_CHECK_OPTIONS: Readonly<ResolvedContentCheckOptions> = Object.freeze({
  whenUnavailable: 'refuse',
})

/** The options of `createApp` for WeChat's server APIs (part of `AppOptions`). */
export interface AppWechatOptions {
  /**
   * Where the app's processes share WeChat's access_token, its refresh lock and its forced
   * refreshes. Default: the `wechat_token_state` table on `knex`
   * (`createSqlAccessTokenStore`); `startServer` passes the Redis one when sessions live in
   * Redis (`accessTokenStoreFor`), as the limits choose theirs.
   */
  accessTokenStore?: AccessTokenStore
  /** The notes' content check; see `ContentCheckOptions`. */
  contentCheck?: ContentCheckOptions
}

/** What the routes get of WeChat's server APIs (part of `RouteDeps`). */
export interface AppWechat {
  /** WeChat's user APIs where this request's login went (the stand-in's URL is per socket). */
  wechatApi(ctx: Context): WechatApi
  /** The notes' content check options, defaulted. */
  contentCheck: ResolvedContentCheckOptions
}

/** API bases remembered at most: one in production, one per local address with the stand-in. */
const MAX_API_BASES = 8

function resolveContentCheck(
  options: ContentCheckOptions | undefined,
): ResolvedContentCheckOptions {
  const whenUnavailable = options?.whenUnavailable ?? DEFAULT_CONTENT_CHECK_OPTIONS.whenUnavailable
  if (whenUnavailable !== 'refuse' && whenUnavailable !== 'store') {
    throw new TypeError(
      `createApp: contentCheck.whenUnavailable: expected 'refuse' or 'store', got ${JSON.stringify(whenUnavailable)}`,
    )
  }
  return { whenUnavailable }
}

/**
 * WeChat's user APIs for the app's routes: one access_token provider per API base (WeChat's
 * fixed one, or the mounted stand-in on the address a request came in on), all on one token
 * store, so that every process and every base share one token. Built on first use: the
 * stand-in's base is known only once a request arrived on a socket.
 *
 * @throws TypeError for a bad `contentCheck` (the message names it).
 */
export function createAppWechat(
  options: AppWechatOptions & { knex: Knex },
  settings: (ctx: Context) => Code2SessionOptions,
  logger: Logger,
): AppWechat {
  const contentCheck = resolveContentCheck(options.contentCheck)
  let store = options.accessTokenStore
  const apis = new Map<string, WechatApi>()

  function apiFor({ appId, secret, apiBase, timeoutMs }: Code2SessionOptions): WechatApi {
    const known = apis.get(apiBase)
    if (known) return known
    store ??= createSqlAccessTokenStore({ knex: options.knex, appId })
    const tokens = createAccessTokenProvider({
      appId,
      secret,
      apiBase,
      store,
      timeoutMs,
      // A hint of 6 characters, never the token.
      onRefresh: ({ forced, tokenHint, expiresIn }) =>
        logger.info({ forced, tokenHint, expiresIn }, 'WeChat access_token fetched'),
    })
    const api = createWechatApi({ appId, tokens, apiBase, timeoutMs })
    if (apis.size >= MAX_API_BASES) apis.delete(apis.keys().next().value as string)
    apis.set(apiBase, api)
    return api
  }

  return { wechatApi: (ctx) => apiFor(settings(ctx)), contentCheck }
}
