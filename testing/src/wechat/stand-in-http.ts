import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
// From node:util, not the global: jsdom-like test environments (the demo's) have none.
import { TextDecoder } from 'node:util'
import {
  BODY_LIMIT_BYTES,
  type StandInAnswer,
  StandInBodyError,
  type StandInRequest,
} from './stand-in-request'

/** `application/json` and the `+json` types (RFC 6839 §3.1), with no charset or UTF-8. */
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;\s*charset="?utf-?8"?\s*)?$/i

// `fatal`: bytes that are not UTF-8 are refused, not turned into U+FFFD (RFC 8259 §8.1).
const UTF8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The body of `req` as JSON (`undefined` when empty), read up to `maxBytes` (1 KiB by default):
 * a body of another type is 415, one that is not UTF-8 JSON is 400, a larger one is 413.
 */
export async function readJsonBody(
  req: IncomingMessage,
  maxBytes: number = BODY_LIMIT_BYTES,
): Promise<unknown> {
  const type = req.headers['content-type']
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) {
      req.resume()
      throw new StandInBodyError(413, 'PAYLOAD_TOO_LARGE', `Body over ${maxBytes} bytes`)
    }
    chunks.push(chunk)
  }
  if (size === 0) return undefined
  if (type === undefined || !JSON_TYPE.test(type)) {
    throw new StandInBodyError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json')
  }
  try {
    return JSON.parse(UTF8.decode(Buffer.concat(chunks))) as unknown
  } catch {
    throw new StandInBodyError(400, 'INVALID_JSON', 'Body is not UTF-8 JSON')
  }
}

/**
 * The request as the stand-in's routes see it, when `path` (the URL's path, no query) is under
 * `basePath`; `null` otherwise. Paths are matched in any case, as WeChat's servers do not care
 * and `@koa/router` did not either.
 */
export function standInRequest(
  basePath: string,
  method: string,
  path: string,
  query: string,
  readJson: (maxBytes?: number) => Promise<unknown>,
): StandInRequest | null {
  const lower = path.toLowerCase()
  const base = basePath.toLowerCase()
  if (base !== '' && lower !== base && !lower.startsWith(`${base}/`)) return null
  return {
    method,
    path: lower.slice(base.length) || '/',
    query: new URLSearchParams(query),
    readJson,
  }
}

/** Write `answer` on a Node response. */
export function writeAnswer(res: ServerResponse, answer: StandInAnswer): void {
  res.writeHead(answer.status, {
    ...answer.headers,
    'Content-Length': Buffer.byteLength(answer.body),
  })
  res.end(answer.body)
}

/** Answers a request of the stand-in, or null for a path it does not have. */
export type AnswerRequest = (request: StandInRequest) => Promise<StandInAnswer | null>

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

/**
 * A Node request listener answering under `basePath`; other paths go to `next`, or get a JSON
 * 404 without it.
 */
export function nodeHandler(basePath: string, answer: AnswerRequest) {
  return function handler(req: IncomingMessage, res: ServerResponse, next?: () => void): void {
    const url = new URL(req.url ?? '/', 'http://stand-in')
    const request = standInRequest(basePath, req.method ?? 'GET', url.pathname, url.search, (max) =>
      readJsonBody(req, max),
    )
    const answering = request ? answer(request) : Promise.resolve(null)
    answering.then(
      (answered) => {
        if (answered) writeAnswer(res, answered)
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
}

/** Koa middleware answering under `basePath`; the other requests go on. */
export function koaMiddleware(basePath: string, answer: AnswerRequest) {
  return async function wechatStandIn(
    ctx: KoaLikeContext,
    next: () => Promise<unknown>,
  ): Promise<void> {
    const parsed = ctx.request.body
    const request = standInRequest(basePath, ctx.method, ctx.path, ctx.querystring, (max) =>
      parsed !== undefined ? Promise.resolve(parsed) : readJsonBody(ctx.req, max),
    )
    const answered = request ? await answer(request) : null
    if (!answered) {
      await next()
      return
    }
    ctx.status = answered.status
    for (const [name, value] of Object.entries(answered.headers)) ctx.set(name, value)
    ctx.body = answered.body
  }
}

/** A server of its own for `handler` on 127.0.0.1 (`port` 0: a free one). */
export async function listenOn(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  basePath: string,
  port: number,
): Promise<ListeningStandIn> {
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
