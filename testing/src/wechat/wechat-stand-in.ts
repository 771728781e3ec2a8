import type { IncomingMessage, ServerResponse } from 'node:http'
import { createAccessTokenTable } from './access-token-table'
import { createApiCalls, type WechatApiName, type WechatApiStats } from './api-calls'
import { createCodeTable, type IssueCodeOptions } from './code-table'
import type { EncryptedOpenData, WeRunStep } from './open-data-cipher'
import { createPhoneCodeTable, type IssuePhoneCodeOptions } from './phone-code-table'
import { openDataFor, weRunDataFor } from './routes/dev-routes'
import { COUNTRY_CODE, PURE_PHONE_NUMBER } from './routes/phone-routes'
import {
  type KoaLikeContext,
  koaMiddleware,
  listenOn,
  type ListeningStandIn,
  nodeHandler,
} from './stand-in-http'
import { answerStandIn } from './stand-in-routes'
import type { StandInState } from './stand-in-state'
import { createUserTable, derivedUnionId } from './user-table'
import { resolveStandInOptions, type WechatStandInOptions } from './stand-in-options'

export type { IssueCodeOptions } from './code-table'
export type { KoaLikeContext, ListeningStandIn } from './stand-in-http'
export {
  DEFAULT_WECHAT_STAND_IN_OPTIONS,
  WECHAT_STAND_IN_PATH,
  type WechatStandInOptions,
} from './stand-in-options'

/** A stand-in of WeChat's server APIs for development and tests. */
export interface WechatStandIn {
  readonly appId: string
  readonly secret: string
  /** The path it answers under (`''`: the root). */
  readonly basePath: string
  /** Issue a code as `wx.login` would: single use, `codeTtlMs` of life. */
  issueCode(options?: IssueCodeOptions): string
  /**
   * Issue a code as the phone-number button would (`bindgetphonenumber`'s `code`): single use,
   * `codeTtlMs` of life, for `purePhoneNumber` (digits, no country code).
   *
   * @throws RangeError for a number or country code that is not digits.
   */
  issuePhoneCode(purePhoneNumber: string, options?: IssuePhoneCodeOptions): string
  /**
   * What `wx.getWeRunData` gives this user: the last 30 days (or `steps`) with a watermark,
   * encrypted with the user's current session_key.
   *
   * @throws RangeError when `openid` has not logged in (it has no session_key yet).
   */
  encryptWeRun(openid: string, steps?: readonly WeRunStep[]): EncryptedOpenData
  /**
   * Any open data for this user: `data` plus WeChat's watermark, encrypted with the user's
   * current session_key.
   *
   * @throws RangeError when `openid` has not logged in.
   */
  encryptOpenData(openid: string, data: Record<string, unknown>): EncryptedOpenData
  /** The user's current session_key, `undefined` before their first login. */
  sessionKeyOf(openid: string): string | undefined
  /**
   * Replace the user's session_key, as another `wx.login` may: the old one then fails
   * `checksession` (87009) and decrypts nothing.
   *
   * @throws RangeError when `openid` has not logged in.
   */
  rotateSessionKey(openid: string): string
  /** How many times each WeChat API was called so far (a copy). */
  stats(): WechatApiStats
  /** While busy, the API answers -1 "system error". */
  setBusy(api: WechatApiName, busy: boolean): void
  /**
   * Every access_token stops working now (40001), as when it was refreshed elsewhere; the next
   * `stable_token` call gets a new one.
   */
  invalidateAccessToken(): void
  /**
   * A Node request listener: `http.createServer(standIn.handler)`, or in a connect-style
   * stack with `next`, which is called for paths the stand-in does not answer (without
   * `next` they get a JSON 404).
   */
  handler(req: IncomingMessage, res: ServerResponse, next?: () => void): void
  /** Koa middleware: answers the stand-in's paths, the others go on. */
  koa(): (ctx: KoaLikeContext, next: () => Promise<unknown>) => Promise<void>
  /** A server of its own on 127.0.0.1 (`port` 0, the default: a free one). */
  listen(port?: number): Promise<ListeningStandIn>
}

/**
 * A stand-in of WeChat's server APIs, in memory, mountable on any Node or Koa server. Under
 * `basePath` it answers as WeChat does (request and answer shapes, errcodes, limits):
 * - `GET /sns/jscode2session` (code2Session), `POST /cgi-bin/stable_token`,
 *   `POST /wxa/business/getuserphonenumber`, `POST /wxa/msg_sec_check` (version 2),
 *   `GET /wxa/checksession`;
 * and plays the mini-program's side with dev routes:
 * - `POST /codes` `{ openid?, errcode?, delayMs? }` → `{ code }`, as `wx.login` gives;
 * - `POST /phone-codes` `{ phoneNumber, countryCode?, errcode? }` → `{ code }`;
 * - `POST /werun` `{ openid, steps? }` → `{ encryptedData, iv }`;
 * - `GET /stats` → calls per API; `POST /busy` `{ api, busy }`.
 * Session keys and access tokens are never in its errors.
 *
 * @throws RangeError for a bad option (the message names it).
 * @example
 * const standIn = createWechatStandIn({ unionIds: true })
 * app.use(standIn.koa())                       // Koa
 * http.createServer(standIn.handler)           // Node
 * const code = standIn.issueCode({ openid: 'alice' })
 */
export function createWechatStandIn(options: WechatStandInOptions = {}): WechatStandIn {
  const resolved = resolveStandInOptions(options)
  const { basePath, now } = resolved
  const unionIds = resolved.unionIds
  const state: StandInState = {
    appId: resolved.appId,
    secret: resolved.secret,
    now,
    codes: createCodeTable(resolved.codeTtlMs, resolved.maxCodes, now),
    users: createUserTable({
      rotateSessionKeyOnLogin: resolved.rotateSessionKeyOnLogin,
      unionIdOf: typeof unionIds === 'function' ? unionIds : unionIds ? derivedUnionId : () => null,
      maxUsers: resolved.maxUsers,
      now,
    }),
    phoneCodes: createPhoneCodeTable(resolved.codeTtlMs, resolved.maxCodes, now),
    tokens: createAccessTokenTable(now),
    calls: createApiCalls(),
    content: { riskyWords: resolved.riskyWords, reviewWords: resolved.reviewWords },
  }
  const handler = nodeHandler(basePath, (request) => answerStandIn(state, request))

  function loggedIn<T>(what: string, openid: string, value: T | null | undefined): T {
    if (value === null || value === undefined) {
      throw new RangeError(`${what}: no user has logged in with openid ${JSON.stringify(openid)}`)
    }
    return value
  }

  return {
    appId: state.appId,
    secret: state.secret,
    basePath,
    issueCode: (issue) => state.codes.issue(issue),
    issuePhoneCode(purePhoneNumber, issue = {}) {
      if (!PURE_PHONE_NUMBER.test(purePhoneNumber)) {
        throw new RangeError(`issuePhoneCode: expected 4 to 20 digits, got ${purePhoneNumber}`)
      }
      if (issue.countryCode !== undefined && !COUNTRY_CODE.test(issue.countryCode)) {
        throw new RangeError(`issuePhoneCode: countryCode: expected 1 to 4 digits`)
      }
      return state.phoneCodes.issue(purePhoneNumber, issue)
    },
    encryptWeRun: (openid, steps) =>
      loggedIn('encryptWeRun', openid, weRunDataFor(state, openid, steps)),
    encryptOpenData: (openid, data) =>
      loggedIn('encryptOpenData', openid, openDataFor(state, openid, data)),
    sessionKeyOf: (openid) => state.users.find(openid)?.sessionKey,
    rotateSessionKey: (openid) =>
      loggedIn('rotateSessionKey', openid, state.users.rotateSessionKey(openid)),
    stats: () => state.calls.stats(),
    setBusy: (api, busy) => state.calls.setBusy(api, busy),
    invalidateAccessToken: () => state.tokens.invalidate(),
    handler,
    koa: () => koaMiddleware(basePath, (request) => answerStandIn(state, request)),
    listen: (port = 0) => listenOn(handler, basePath, port),
  }
}
