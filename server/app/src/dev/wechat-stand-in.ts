import { randomBytes } from 'node:crypto'
import Router from '@koa/router'
import type { Context } from 'koa'
import { createJsonBody } from '../http/json-body'

/** Where the app mounts the stand-in (see `createApp`'s `wechatStandIn`). */
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
  /** Clock (tests inject one). */
  now?: () => number
}

/** Defaults of `WechatStandInOptions`. */
export const DEFAULT_WECHAT_STAND_IN_OPTIONS = Object.freeze({
  appId: 'wxdevstandin000000',
  secret: 'dev-stand-in-secret',
  codeTtlMs: 300_000,
  maxCodes: 10_000,
})

/** What the code will do at `jscode2session` (the last two are for tests of failures). */
export interface IssueCodeOptions {
  /** The user; a new random openid when absent. */
  openid?: string
  /** Answer this WeChat errcode instead (e.g. 45011, -1). */
  errcode?: number
  /** Answer this late, in milliseconds (e.g. past the server's 5 s timeout). */
  delayMs?: number
}

/** A stand-in of WeChat's login API for development and tests. */
export interface WechatStandIn {
  readonly appId: string
  readonly secret: string
  /**
   * `POST {path}/codes` `{ openid?, errcode?, delayMs? }` → `{ code }`, and
   * `GET {path}/sns/jscode2session`, answering as WeChat does (errcodes included).
   */
  readonly router: Router
  /** Issue a code as `wx.login` would: single use, `codeTtlMs` of life. */
  issueCode(options?: IssueCodeOptions): string
}

interface CodeEntry {
  openid: string
  errcode: number | null
  delayMs: number
  expiresAt: number
  used: boolean
}

const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40029: 'invalid code',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40226: 'high risk user blocked',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
}

const OPENID = /^[A-Za-z0-9_-]{1,64}$/
// Unref'd: a delayed answer must not keep a process (or a test run) alive.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref())

/**
 * A stand-in of WeChat's `jscode2session` with an in-memory code table. The app mounts it at
 * `/__dev/wechat` when no `WECHAT_APPID` is configured in development or tests, or when
 * `WECHAT_STAND_IN=1` asks for it (see `loadConfig`); tests mount it in an app of their own to
 * play an external WeChat.
 *
 * @example
 * const standIn = createWechatStandIn()
 * app.use(standIn.router.routes())
 * const code = standIn.issueCode({ openid: 'alice' })
 */
export function createWechatStandIn(options: WechatStandInOptions = {}): WechatStandIn {
  const d = DEFAULT_WECHAT_STAND_IN_OPTIONS
  const appId = options.appId ?? d.appId
  const secret = options.secret ?? d.secret
  const codeTtlMs = options.codeTtlMs ?? d.codeTtlMs
  const maxCodes = options.maxCodes ?? d.maxCodes
  const now = options.now ?? Date.now
  if (!Number.isInteger(codeTtlMs) || codeTtlMs <= 0) {
    throw new RangeError(`codeTtlMs: expected a positive integer, got ${codeTtlMs}`)
  }
  if (!Number.isInteger(maxCodes) || maxCodes <= 0) {
    throw new RangeError(`maxCodes: expected a positive integer, got ${maxCodes}`)
  }
  const codes = new Map<string, CodeEntry>()

  function issueCode(issue: IssueCodeOptions = {}): string {
    const at = now()
    // Entries are in issue order and share one life, so the expired ones are at the front.
    for (const [code, entry] of codes) {
      if (entry.expiresAt > at && codes.size < maxCodes) break
      codes.delete(code)
    }
    const code = randomBytes(24).toString('base64url')
    codes.set(code, {
      openid: issue.openid ?? `o${randomBytes(21).toString('base64url')}`,
      errcode: issue.errcode ?? null,
      delayMs: issue.delayMs ?? 0,
      expiresAt: at + codeTtlMs,
      used: false,
    })
    return code
  }

  function answer(ctx: Context, body: Record<string, unknown>): void {
    // WeChat answers JSON as text/plain: clients must not rely on the content type.
    ctx.type = 'text/plain'
    ctx.set('Cache-Control', 'no-store')
    ctx.body = JSON.stringify(body)
  }

  function refuse(ctx: Context, errcode: number): void {
    const rid = `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`
    answer(ctx, { errcode, errmsg: `${ERRMSG[errcode] ?? 'error'}, rid: ${rid}` })
  }

  const router = new Router({ prefix: WECHAT_STAND_IN_PATH })
  router.post('/codes', createJsonBody({ limitBytes: 1024 }), (ctx) => {
    const body: unknown = ctx.request.body
    const given = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
    const fields: Record<string, string> = {}
    const { openid, errcode, delayMs } = given
    if (openid !== undefined && (typeof openid !== 'string' || !OPENID.test(openid)))
      fields.openid = 'expected 1 to 64 letters, digits, - or _'
    if (errcode !== undefined && !Number.isInteger(errcode)) fields.errcode = 'expected an integer'
    if (
      delayMs !== undefined &&
      (typeof delayMs !== 'number' || !Number.isInteger(delayMs) || delayMs < 0 || delayMs > 30_000)
    )
      fields.delayMs = 'expected an integer from 0 to 30000'
    if (Object.keys(fields).length > 0) {
      ctx.status = 400
      ctx.body = { error: { code: 'VALIDATION_FAILED', message: 'Invalid code request', fields } }
      return
    }
    ctx.set('Cache-Control', 'no-store')
    ctx.body = {
      code: issueCode({
        openid: openid as string | undefined,
        errcode: errcode as number | undefined,
        delayMs: delayMs as number | undefined,
      }),
    }
  })
  router.get('/sns/jscode2session', async (ctx) => {
    const param = (name: string): string => {
      const value = ctx.query[name]
      return typeof value === 'string' ? value : ''
    }
    if (!param('appid')) return refuse(ctx, 41002)
    if (!param('secret')) return refuse(ctx, 41004)
    if (!param('js_code')) return refuse(ctx, 41008)
    if (param('grant_type') !== 'authorization_code') return refuse(ctx, 40002)
    if (param('appid') !== appId) return refuse(ctx, 40013)
    if (param('secret') !== secret) return refuse(ctx, 40125)
    const entry = codes.get(param('js_code'))
    if (!entry || entry.expiresAt <= now()) return refuse(ctx, 40029)
    if (entry.used) return refuse(ctx, 40163)
    entry.used = true
    if (entry.delayMs > 0) await sleep(entry.delayMs)
    if (entry.errcode !== null) return refuse(ctx, entry.errcode)
    // A fresh session_key at each login, as WeChat rotates it.
    answer(ctx, { session_key: randomBytes(16).toString('base64'), openid: entry.openid })
  })

  return { appId, secret, router, issueCode }
}
