import type { Context } from 'koa'
import { SessionOptionsError } from './errors'
import { SESSION_EVENT_TYPES, type SessionEvent, type SessionEventType } from './events'
import { MIN_ENCRYPTION_KEY_LENGTH } from './session-secrets'
import type { SessionStore } from './types'

/** Options of `createSessionMiddleware`. */
export interface SessionMiddlewareOptions {
  /** Where sessions are kept. Required. */
  store: SessionStore
  /** Request and response header carrying the token. Default `X-Header-Session`. */
  headerName?: string
  /** Response header telling why the token changed. Default `<headerName>-Status`. */
  statusHeaderName?: string
  /** HMAC secrets: the first signs, all verify. Default none (tokens unsigned). */
  secrets?: readonly string[]
  /**
   * Keys of 32 characters or more that encrypt `setSecret` values in the store (AES-256-GCM):
   * the first encrypts, all decrypt, so a new key goes first and the old one stays second until
   * the sessions it sealed have expired. Default none: values are stored as they are, and a dump
   * or backup of the store shows them.
   */
  encryptionKeys?: readonly string[]
  /** A session unused this long expires. Default 7 days. */
  idleTimeoutMs?: number
  /** A session expires this long after creation, used or not. Default 30 days. */
  absoluteTimeoutMs?: number
  /** A read-only request refreshes the stored idle expiry at most this often. Default 60 s. */
  touchIntervalMs?: number
  /** Each store operation fails after this long (503). Default 1000 ms. */
  storeTimeoutMs?: number
  /** `Retry-After` seconds on 503. Default 1. */
  retryAfterSeconds?: number
  /** Largest session data, as compact JSON in bytes. Default 65 536. */
  maxDataBytes?: number
  /** On cross-origin requests (with `Origin`), add both session headers to `Access-Control-Expose-Headers`. Default true. */
  exposeHeaders?: boolean
  /**
   * More request headers that every answer of the middleware varies on, listed in `Vary` before
   * the session header: `['Origin']` when CORS runs before the middleware, since its answers
   * differ by `Origin`. One `Vary` is then written per answer instead of two. Default none.
   */
  vary?: readonly string[]
  /** Clock in epoch ms. Default `Date.now`. */
  now?: () => number
  /** Called (asynchronously, never on the request path) for each session event. */
  onEvent?: (event: SessionEvent) => void
  /**
   * The event types `onEvent` is called for. Default all. Every read with a token has a
   * `loaded` event, and each event is built and queued for a later turn of the event loop:
   * list only the types you use (say `['storeError', 'conflict', 'invalid']` for warnings).
   */
  eventTypes?: readonly SessionEventType[]
  /**
   * Called when a request is about to store a new session (its first write without a live
   * session, status `created`; not at `regenerate()`), after the handler. Throw to refuse, e.g.
   * a rate limit's 429: nothing is stored, no token is sent, and the error answers the request.
   */
  beforeCreate?: (ctx: Context) => void | Promise<void>
}

/** `SessionMiddlewareOptions` with every default applied. */
export type ResolvedSessionMiddlewareOptions = Required<
  Omit<SessionMiddlewareOptions, 'onEvent' | 'beforeCreate' | 'eventTypes'>
> &
  Pick<SessionMiddlewareOptions, 'onEvent' | 'beforeCreate'> & {
    /** The event types `onEvent` is called for. */
    eventTypes: ReadonlySet<SessionEventType>
  }

const DAY = 86_400_000

/** Defaults of `createSessionMiddleware`. */
export const DEFAULT_SESSION_MIDDLEWARE_OPTIONS = Object.freeze({
  headerName: 'X-Header-Session',
  secrets: Object.freeze([]) as readonly string[],
  encryptionKeys: Object.freeze([]) as readonly string[],
  idleTimeoutMs: 7 * DAY,
  absoluteTimeoutMs: 30 * DAY,
  touchIntervalMs: 60_000,
  storeTimeoutMs: 1_000,
  retryAfterSeconds: 1,
  maxDataBytes: 65_536,
  exposeHeaders: true,
  vary: Object.freeze([]) as readonly string[],
})

const HEADER_NAME = /^[A-Za-z0-9-]{1,64}$/

function positiveInteger(name: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new SessionOptionsError(name, value, `an integer from 1 to ${max}`)
  }
  return value
}

function headerName(name: string, value: unknown): string {
  if (typeof value !== 'string' || !HEADER_NAME.test(value)) {
    throw new SessionOptionsError(name, value, 'a header name of letters, digits and hyphens')
  }
  return value
}

/** Validate and default the options once, when the middleware is created. */
export function resolveOptions(
  options: SessionMiddlewareOptions,
): ResolvedSessionMiddlewareOptions {
  const d = DEFAULT_SESSION_MIDDLEWARE_OPTIONS
  if (typeof options !== 'object' || options === null) {
    throw new SessionOptionsError('options', options, 'an object')
  }
  const { store } = options
  if (!store || typeof store.get !== 'function' || typeof store.commit !== 'function') {
    throw new SessionOptionsError('store', store, 'a SessionStore')
  }
  const name = headerName('headerName', options.headerName ?? d.headerName)
  const secrets = options.secrets ?? d.secrets
  if (!Array.isArray(secrets) || secrets.some((s) => typeof s !== 'string' || s.length < 16)) {
    throw new SessionOptionsError(
      'secrets',
      '[redacted]',
      'an array of strings of 16 characters or more',
    )
  }
  const encryptionKeys = options.encryptionKeys ?? d.encryptionKeys
  if (
    !Array.isArray(encryptionKeys) ||
    encryptionKeys.some((key) => typeof key !== 'string' || key.length < MIN_ENCRYPTION_KEY_LENGTH)
  ) {
    throw new SessionOptionsError(
      'encryptionKeys',
      '[redacted]',
      `an array of strings of ${MIN_ENCRYPTION_KEY_LENGTH} characters or more`,
    )
  }
  const idleTimeoutMs = positiveInteger('idleTimeoutMs', options.idleTimeoutMs ?? d.idleTimeoutMs)
  const absoluteTimeoutMs = positiveInteger(
    'absoluteTimeoutMs',
    options.absoluteTimeoutMs ?? d.absoluteTimeoutMs,
  )
  const touch =
    options.touchIntervalMs ?? Math.min(d.touchIntervalMs, Math.floor(idleTimeoutMs / 2))
  const onEvent = options.onEvent
  if (onEvent !== undefined && typeof onEvent !== 'function') {
    throw new SessionOptionsError('onEvent', onEvent, 'a function')
  }
  const eventTypes = options.eventTypes ?? SESSION_EVENT_TYPES
  const known = new Set<unknown>(SESSION_EVENT_TYPES)
  if (!Array.isArray(eventTypes) || eventTypes.some((type) => !known.has(type))) {
    throw new SessionOptionsError(
      'eventTypes',
      eventTypes,
      `an array of event types (${SESSION_EVENT_TYPES.join(', ')})`,
    )
  }
  const beforeCreate = options.beforeCreate
  if (beforeCreate !== undefined && typeof beforeCreate !== 'function') {
    throw new SessionOptionsError('beforeCreate', beforeCreate, 'a function')
  }
  const now = options.now ?? Date.now
  if (typeof now !== 'function') throw new SessionOptionsError('now', now, 'a function')
  const exposeHeaders = options.exposeHeaders ?? d.exposeHeaders
  if (typeof exposeHeaders !== 'boolean') {
    throw new SessionOptionsError('exposeHeaders', exposeHeaders, 'a boolean')
  }
  const vary: unknown = options.vary ?? d.vary
  if (!Array.isArray(vary)) throw new SessionOptionsError('vary', vary, 'a list of header names')
  return {
    store,
    headerName: name,
    statusHeaderName: headerName('statusHeaderName', options.statusHeaderName ?? `${name}-Status`),
    secrets: [...secrets],
    encryptionKeys: [...encryptionKeys],
    idleTimeoutMs,
    absoluteTimeoutMs,
    touchIntervalMs: positiveInteger('touchIntervalMs', touch, idleTimeoutMs),
    storeTimeoutMs: positiveInteger('storeTimeoutMs', options.storeTimeoutMs ?? d.storeTimeoutMs),
    retryAfterSeconds: positiveInteger(
      'retryAfterSeconds',
      options.retryAfterSeconds ?? d.retryAfterSeconds,
    ),
    maxDataBytes: positiveInteger('maxDataBytes', options.maxDataBytes ?? d.maxDataBytes),
    exposeHeaders,
    // Each name checked as the session header's is; an error names the one refused.
    vary: vary.map((item: unknown) => headerName('vary', item)),
    now,
    onEvent,
    eventTypes: new Set(eventTypes),
    beforeCreate,
  }
}
