import { randomBytes } from 'node:crypto'
import type { CodeTable } from './code-table'
import { refusal } from './errcodes'

/** A request to the stand-in, whatever server it came through. */
export interface StandInRequest {
  method: string
  /** The path under the stand-in's base path, e.g. `/sns/jscode2session`. */
  path: string
  query: URLSearchParams
  /** The body as JSON; throws `StandInBodyError` when it is not JSON or too large. */
  readJson(): Promise<unknown>
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

/** What the routes work with. */
export interface StandInState {
  appId: string
  secret: string
  codes: CodeTable
}

const OPENID = /^[A-Za-z0-9_-]{1,64}$/
// Unref'd: a delayed answer must not keep a process (or a test run) alive.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref())

const json = (status: number, body: unknown): StandInAnswer => ({
  status,
  headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  body: JSON.stringify(body),
})

/** WeChat answers its JSON as `text/plain`, with status 200 even for errors. */
const wechat = (body: unknown): StandInAnswer => ({
  status: 200,
  headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' },
  body: JSON.stringify(body),
})

/** `POST /codes` `{ openid?, errcode?, delayMs? }` → `{ code }`. */
async function issueCode(state: StandInState, request: StandInRequest): Promise<StandInAnswer> {
  let body: unknown
  try {
    body = await request.readJson()
  } catch (error) {
    if (!(error instanceof StandInBodyError)) throw error
    return json(error.status, { error: { code: error.code, message: error.message } })
  }
  const given = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const { openid, errcode, delayMs } = given
  const fields: Record<string, string> = {}
  if (openid !== undefined && (typeof openid !== 'string' || !OPENID.test(openid)))
    fields.openid = 'expected 1 to 64 letters, digits, - or _'
  if (errcode !== undefined && !Number.isInteger(errcode)) fields.errcode = 'expected an integer'
  if (
    delayMs !== undefined &&
    (typeof delayMs !== 'number' || !Number.isInteger(delayMs) || delayMs < 0 || delayMs > 30_000)
  )
    fields.delayMs = 'expected an integer from 0 to 30000'
  if (Object.keys(fields).length > 0) {
    return json(400, {
      error: { code: 'VALIDATION_FAILED', message: 'Invalid code request', fields },
    })
  }
  const code = state.codes.issue({
    openid: openid as string | undefined,
    errcode: errcode as number | undefined,
    delayMs: delayMs as number | undefined,
  })
  return json(200, { code })
}

/** `GET /sns/jscode2session`, checked and answered as WeChat does. */
async function code2Session(state: StandInState, request: StandInRequest): Promise<StandInAnswer> {
  const param = (name: string) => request.query.get(name) ?? ''
  if (!param('appid')) return wechat(refusal(41002))
  if (!param('secret')) return wechat(refusal(41004))
  if (!param('js_code')) return wechat(refusal(41008))
  if (param('grant_type') !== 'authorization_code') return wechat(refusal(40002))
  if (param('appid') !== state.appId) return wechat(refusal(40013))
  if (param('secret') !== state.secret) return wechat(refusal(40125))
  const entry = state.codes.find(param('js_code'))
  if (!entry) return wechat(refusal(40029))
  if (entry.used) return wechat(refusal(40163))
  entry.used = true
  if (entry.delayMs > 0) await sleep(entry.delayMs)
  if (entry.errcode !== null) return wechat(refusal(entry.errcode))
  // A fresh session_key at each login, as WeChat rotates it.
  return wechat({ session_key: randomBytes(16).toString('base64'), openid: entry.openid })
}

type Route = (state: StandInState, request: StandInRequest) => Promise<StandInAnswer>

/** The stand-in's routes: path → method → answer. */
const ROUTES: Readonly<Record<string, Readonly<Record<string, Route>>>> = {
  '/codes': { POST: issueCode },
  '/sns/jscode2session': { GET: code2Session },
}

/**
 * The stand-in's answer to `request`, or `null` when it has no such path (a server mounting
 * it then goes on to its own routes). A known path with another method is 405 with `Allow`.
 */
export async function answerStandIn(
  state: StandInState,
  request: StandInRequest,
): Promise<StandInAnswer | null> {
  const path = request.path.length > 1 ? request.path.replace(/\/$/, '') : request.path
  const methods = ROUTES[path]
  if (!methods) return null
  const route = methods[request.method]
  if (!route) {
    const answer = json(405, {
      error: { code: 'METHOD_NOT_ALLOWED', message: 'Method not allowed' },
    })
    answer.headers.Allow = Object.keys(methods).join(', ')
    return answer
  }
  return route(state, request)
}
