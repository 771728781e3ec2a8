import type { Context, Middleware, Next } from 'koa'
import { HeaderSessionError } from './errors'
import { createEmitter } from './events'
import { resolveOptions, type SessionMiddlewareOptions } from './options'
import { createSecretSealer } from './session-secrets'
import type { RequestSession } from './session'
import type { Session } from './session-api'
import { SessionContext } from './session-context'
import { createSessionAdmin, type SessionAdmin } from './session-admin'
import { createStoreGuard } from './store-guard'
import './koa-context'

const EXPOSE = 'Access-Control-Expose-Headers'
/**
 * What an answer that went through the session layer may be cached as: by nobody. `Vary`
 * alone is not enough, as many shared caches and CDNs ignore it (PROTOCOL rule 4).
 */
const NO_STORE = 'private, no-store'

/** The middleware `createSessionMiddleware` returns, with the admin of its sessions. */
export interface SessionMiddleware extends Middleware {
  /**
   * List and revoke a user's sessions, on this middleware's store, clock, expiry rule and store
   * deadline (see `SessionAdmin`).
   */
  readonly admin: SessionAdmin
}

/**
 * Koa middleware for sessions carried in a header (see PROTOCOL.md). Loads `ctx.session`
 * before the handler and commits its changes after it, before the response is sent. Its
 * `admin` lists and revokes a user's sessions.
 *
 * @throws SessionOptionsError when an option is invalid (at creation, not per request).
 * @example
 * const sessions = createSessionMiddleware({ store: createMemoryStore() })
 * app.use(sessions)
 * // elsewhere: await sessions.admin.revokeAll(userId)
 */
export function createSessionMiddleware(options: SessionMiddlewareOptions): SessionMiddleware {
  const o = resolveOptions(options)
  const emit = createEmitter(o.onEvent, o.eventTypes)
  const guard = createStoreGuard(o.storeTimeoutMs, o.store.kind, emit, o.now)
  const admin = createSessionAdmin({ store: o.store, guard, now: o.now, emit })
  const sealer = createSecretSealer(o.encryptionKeys)
  const exposed = [o.headerName, o.statusHeaderName]
  // Node keeps request header names in lower case (what `ctx.get` looks up, lower-casing each time).
  const requestHeader = o.headerName.toLowerCase()
  const exposedList = exposed.join(', ')
  const varyNames = [...o.vary, o.headerName]
  const varyList = mergeList('', varyNames)

  /** The `Vary` every answer carries (error answers included), merged with what is set. */
  function vary(ctx: Context): string {
    const set = current(ctx, 'Vary')
    return set ? mergeList(set, varyNames) : varyList
  }

  /** The expose list, on a cross-origin answer (the request has an Origin) only; else null. */
  function expose(ctx: Context): string | null {
    if (!o.exposeHeaders || !ctx.req.headers.origin) return null
    const set = current(ctx, EXPOSE)
    return set ? mergeList(set, exposed) : exposedList
  }

  /** Headers every error answer carries. */
  function baseHeaders(ctx: Context): Record<string, string> {
    const headers: Record<string, string> = { Vary: vary(ctx), 'Cache-Control': NO_STORE }
    const list = expose(ctx)
    if (list !== null) headers[EXPOSE] = list
    return headers
  }

  function answerWithError(ctx: Context, error: HeaderSessionError, sc: SessionContext): void {
    ctx.status = error.status
    ctx.body = { error: { code: error.code, message: error.message, ...error.details } }
    if (error.status === 503) ctx.set('Retry-After', String(o.retryAfterSeconds))
    ctx.set({ ...baseHeaders(ctx), ...sc.headers() })
  }

  async function headerSession(ctx: Context, next: Next): Promise<void> {
    const raw = ctx.req.headers[requestHeader]
    // A repeated header arrives joined with ', ' (a malformed token); a list, if any, likewise.
    const token = Array.isArray(raw) ? raw.join(', ') : raw
    const sc = new SessionContext(o, emit, guard, sealer, ctx, token || undefined)
    // Set one by one: this runs on every request, and most have nothing to merge.
    ctx.set('Vary', vary(ctx))
    const list = expose(ctx)
    if (list !== null) ctx.set(EXPOSE, list)
    // The middleware keeps the session object; handlers see it through the `Session` interface.
    let session: RequestSession
    try {
      // Without a usable token there is nothing to wait for.
      session = sc.loadWithoutStore() ?? (await sc.load())
    } catch (error) {
      if (error instanceof HeaderSessionError && error.expose)
        return answerWithError(ctx, error, sc)
      throw error
    }
    ;(ctx as { session: Session }).session = session
    try {
      await next()
    } catch (error) {
      if (error instanceof HeaderSessionError && error.expose)
        return answerWithError(ctx, error, sc)
      if (typeof error === 'object' && error !== null) carryHeaders(error, ctx, sc)
      throw error
    }
    if (sc.mustCommit(session)) {
      try {
        await sc.commit(session)
      } catch (error) {
        if (error instanceof HeaderSessionError && error.expose)
          return answerWithError(ctx, error, sc)
        throw error
      }
    }
    if (sc.outgoing) ctx.set(sc.headers())
    else if (!ctx.response.get('Cache-Control')) ctx.set('Cache-Control', NO_STORE)
  }
  return Object.assign(headerSession, { admin })

  /**
   * Koa drops every header set so far when it renders an error; `err.headers` survive. They
   * may hold a new token, and loggers print an error's own enumerable fields (pino's `err`
   * serializer does): so `headers` is set as a non-enumerable property, which Koa still reads.
   */
  function carryHeaders(error: object, ctx: Context, sc: SessionContext): void {
    const { headers } = error as { headers?: Record<string, string> }
    Object.defineProperty(error, 'headers', {
      value: { ...headers, ...baseHeaders(ctx), ...sc.headers() },
      enumerable: false,
      writable: true,
      configurable: true,
    })
  }
}

/** A response header's value as a string ('' when unset; Koa 3 answers undefined). */
function current(ctx: Context, name: string): string {
  const value: unknown = ctx.response.get(name)
  return Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : ''
}

/** `a, b` plus the names not yet listed (case-insensitive). */
function mergeList(current: string, names: readonly string[]): string {
  const items = current
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const lower = new Set(items.map((s) => s.toLowerCase()))
  for (const name of names) {
    const key = name.toLowerCase()
    if (lower.has(key)) continue
    lower.add(key)
    items.push(name)
  }
  return items.join(', ')
}
