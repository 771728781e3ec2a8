import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createCodeTable, type IssueCodeOptions } from './code-table'
import { readJsonBody, standInRequest, writeAnswer } from './stand-in-http'
import { answerStandIn, type StandInState } from './stand-in-routes'

export type { IssueCodeOptions } from './code-table'

/** Where the stand-in answers by default: its `apiBase` is the server's origin plus this. */
export const WECHAT_STAND_IN_PATH = '/__dev/wechat'

/** Options of `createWechatStandIn`. */
export interface WechatStandInOptions {
  /** The appid the stand-in accepts. */
  appId?: string
  /** The secret the stand-in accepts. */
  secret?: string
  /** Life of a code, like WeChat's 5 minutes. */
  codeTtlMs?: number
  /** Codes kept at most; the oldest go first. */
  maxCodes?: number
  /** The path it answers under, `''` for the server's root. Default `/__dev/wechat`. */
  basePath?: string
  /** Clock (tests inject one). */
  now?: () => number
}

/** Defaults of `WechatStandInOptions`. */
export const DEFAULT_WECHAT_STAND_IN_OPTIONS = Object.freeze({
  appId: 'wxdevstandin000000',
  secret: 'dev-stand-in-secret',
  codeTtlMs: 300_000,
  maxCodes: 10_000,
  basePath: WECHAT_STAND_IN_PATH,
})

/** The part of a Koa context the stand-in uses (so it needs no Koa of its own). */
export interface KoaLikeContext {
  method: string
  path: string
  querystring: string
  req: IncomingMessage
  request: { body?: unknown }
  status: number
  body: unknown
  set(field: string, value: string): void
}

/** A stand-in server of its own (see `listen`). */
export interface ListeningStandIn {
  /** `http://127.0.0.1:<port>`. */
  url: string
  /** What a server's WeChat settings point at: `url` plus the base path. */
  apiBase: string
  close(): Promise<void>
}

/** A stand-in of WeChat's login API for development and tests. */
export interface WechatStandIn {
  readonly appId: string
  readonly secret: string
  /** The path it answers under (`''`: the root). */
  readonly basePath: string
  /** Issue a code as `wx.login` would: single use, `codeTtlMs` of life. */
  issueCode(options?: IssueCodeOptions): string
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

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${name}: expected a positive integer, got ${value}`)
  }
  return value
}

/**
 * A stand-in of WeChat's `jscode2session` with an in-memory code table, mountable on any
 * Node or Koa server. Its routes, under `basePath`:
 * - `POST /codes` `{ openid?, errcode?, delayMs? }` → `{ code }`, as `wx.login` gives;
 * - `GET /sns/jscode2session`, answering as WeChat does (errcodes included).
 *
 * @example
 * const standIn = createWechatStandIn()
 * app.use(standIn.koa())                       // Koa
 * http.createServer(standIn.handler)           // Node
 * const code = standIn.issueCode({ openid: 'alice' })
 */
export function createWechatStandIn(options: WechatStandInOptions = {}): WechatStandIn {
  const defaults = DEFAULT_WECHAT_STAND_IN_OPTIONS
  const basePath = (options.basePath ?? defaults.basePath).replace(/\/+$/, '')
  if (basePath !== '' && !basePath.startsWith('/')) {
    throw new RangeError(`basePath: expected '' or a path starting with /, got ${basePath}`)
  }
  const state: StandInState = {
    appId: options.appId ?? defaults.appId,
    secret: options.secret ?? defaults.secret,
    codes: createCodeTable(
      positiveInteger('codeTtlMs', options.codeTtlMs ?? defaults.codeTtlMs),
      positiveInteger('maxCodes', options.maxCodes ?? defaults.maxCodes),
      options.now ?? Date.now,
    ),
  }

  function handler(req: IncomingMessage, res: ServerResponse, next?: () => void): void {
    const url = new URL(req.url ?? '/', 'http://stand-in')
    const request = standInRequest(basePath, req.method ?? 'GET', url.pathname, url.search, () =>
      readJsonBody(req),
    )
    const answering = request ? answerStandIn(state, request) : Promise.resolve(null)
    answering.then(
      (answer) => {
        if (answer) writeAnswer(res, answer)
        else if (next) next()
        else
          writeAnswer(res, {
            status: 404,
            headers: { 'Content-Type': 'application/json; charset=utf-8' },
            body: JSON.stringify({ error: { code: 'NOT_FOUND', message: 'No such route' } }),
          })
      },
      (error: Error) => {
        res.destroy(error)
      },
    )
  }

  function koa() {
    return async function wechatStandIn(
      ctx: KoaLikeContext,
      next: () => Promise<unknown>,
    ): Promise<void> {
      const parsed = ctx.request.body
      const request = standInRequest(basePath, ctx.method, ctx.path, ctx.querystring, () =>
        parsed !== undefined ? Promise.resolve(parsed) : readJsonBody(ctx.req),
      )
      const answer = request ? await answerStandIn(state, request) : null
      if (!answer) {
        await next()
        return
      }
      ctx.status = answer.status
      for (const [name, value] of Object.entries(answer.headers)) ctx.set(name, value)
      ctx.body = answer.body
    }
  }

  async function listen(port = 0): Promise<ListeningStandIn> {
    const server = createServer(handler)
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    return {
      url,
      apiBase: url + basePath,
      close: () =>
        new Promise((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()))
          server.closeAllConnections()
        }),
    }
  }

  return {
    appId: state.appId,
    secret: state.secret,
    basePath,
    issueCode: (issue) => state.codes.issue(issue),
    handler,
    koa,
    listen,
  }
}
