import type { IncomingMessage, ServerResponse } from 'node:http'
// From node:util, not the global: jsdom-like test environments (the demo's) have none.
import { TextDecoder } from 'node:util'
import { type StandInAnswer, StandInBodyError, type StandInRequest } from './stand-in-routes'

/** The largest body the stand-in reads (its only body is a code request). */
const BODY_LIMIT_BYTES = 1024

/** `application/json` and the `+json` types (RFC 6839 §3.1), with no charset or UTF-8. */
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;\s*charset="?utf-?8"?\s*)?$/i

// `fatal`: bytes that are not UTF-8 are refused, not turned into U+FFFD (RFC 8259 §8.1).
const UTF8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The body of `req` as JSON (`undefined` when empty), read up to 1 KiB: a body of another
 * type is 415, one that is not UTF-8 JSON is 400, a larger one is 413.
 */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type']
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > BODY_LIMIT_BYTES) {
      req.resume()
      throw new StandInBodyError(413, 'PAYLOAD_TOO_LARGE', `Body over ${BODY_LIMIT_BYTES} bytes`)
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
  readJson: () => Promise<unknown>,
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
