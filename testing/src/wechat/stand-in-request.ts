import { refusal } from './errcodes'

/** The largest body the stand-in reads by default (its dev routes take a few fields). */
export const BODY_LIMIT_BYTES = 1024

/** A request to the stand-in, whatever server it came through. */
export interface StandInRequest {
  method: string
  /** The path under the stand-in's base path, e.g. `/sns/jscode2session`. */
  path: string
  query: URLSearchParams
  /**
   * The body as JSON (`undefined` when empty), read up to `maxBytes` (default 1 KiB); throws
   * `StandInBodyError` when it is not JSON or too large.
   */
  readJson(maxBytes?: number): Promise<unknown>
}

/** What the stand-in answers. */
export interface StandInAnswer {
  status: number
  headers: Record<string, string>
  body: string
}

/** A body the stand-in cannot read: its status and error code. */
export class StandInBodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: 'INVALID_JSON' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE',
    message: string,
  ) {
    super(message)
    this.name = 'StandInBodyError'
  }
}

/** An answer of the stand-in's own dev routes (`/codes`, `/stats`...): JSON with a status. */
export const json = (status: number, body: unknown): StandInAnswer => ({
  status,
  headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  body: JSON.stringify(body),
})

/** A dev route's refusal, `{ error: { code, message, fields? } }`. */
export const devError = (
  status: number,
  code: string,
  message: string,
  fields?: Record<string, string>,
): StandInAnswer => json(status, { error: { code, message, ...(fields ? { fields } : {}) } })

/**
 * An answer of one of WeChat's APIs: status 200 even for errors, as WeChat does.
 * `jscode2session` answers `text/plain`; the `cgi-bin` and `wxa` APIs answer JSON.
 */
export const wechat = (
  body: unknown,
  type = 'application/json; encoding=utf-8',
): StandInAnswer => ({
  status: 200,
  headers: { 'Content-Type': type, 'Cache-Control': 'no-store' },
  body: JSON.stringify(body),
})

/** WeChat's refusal `{ errcode, errmsg }` as an answer. */
export const wechatRefusal = (errcode: number, type?: string): StandInAnswer =>
  wechat(refusal(errcode), type)

/** The body of a dev route as an object of fields, or the answer refusing it. */
export async function readDevBody(
  request: StandInRequest,
): Promise<{ fields: Record<string, unknown> } | { refused: StandInAnswer }> {
  let body: unknown
  try {
    body = await request.readJson()
  } catch (error) {
    if (!(error instanceof StandInBodyError)) throw error
    return { refused: devError(error.status, error.code, error.message) }
  }
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  return { fields }
}

/**
 * The JSON object body of one of WeChat's POST APIs, or the errcode WeChat answers instead:
 * 44002 "empty post data", 47001 "data format error" (not JSON, not an object, too large).
 */
export async function readWechatBody(
  request: StandInRequest,
  maxBytes: number,
): Promise<{ fields: Record<string, unknown> } | { errcode: number }> {
  let body: unknown
  try {
    body = await request.readJson(maxBytes)
  } catch (error) {
    if (!(error instanceof StandInBodyError)) throw error
    return { errcode: 47001 }
  }
  if (body === undefined) return { errcode: 44002 }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { errcode: 47001 }
  return { fields: body as Record<string, unknown> }
}
