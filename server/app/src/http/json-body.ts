import type { IncomingMessage } from 'node:http'
import type { Context, Middleware, Next } from 'koa'
import { RequestBodyError } from '../errors/request-body-error'

declare module 'koa' {
  interface Request {
    /** The JSON body read by `createJsonBody`; undefined when the request had none. */
    body?: unknown
  }
}

/** Options of `createJsonBody`. */
export interface JsonBodyOptions {
  /** Largest body read, in bytes; past it, 413 `PAYLOAD_TOO_LARGE`. */
  limitBytes?: number
  /**
   * Keep a refused body's error until `raiseBodyError` runs, instead of throwing it at once,
   * so that the middleware in between still takes part in the answer: the app reads bodies
   * before the session is loaded, yet a 400 must carry the session's headers like any error
   * (PROTOCOL server rule 9). A client gone mid-body is never kept: there is no one to answer.
   */
  deferErrors?: boolean
}

/** Defaults of `JsonBodyOptions`: 64 KiB, errors thrown at once. */
export const DEFAULT_JSON_BODY_OPTIONS = Object.freeze({ limitBytes: 65_536, deferErrors: false })

const deferred = new WeakMap<Context, RequestBodyError>()

/**
 * Throws the body error that `createJsonBody({ deferErrors: true })` kept for this request,
 * if any; otherwise goes on.
 */
export function raiseBodyError(ctx: Context, next: Next): Promise<void> {
  const error = deferred.get(ctx)
  return error ? Promise.reject(error) : next()
}

/** Methods whose body is read; other methods' bodies are left unread, as before. */
const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH'])

/** `application/json` and the structured-syntax `+json` types (RFC 6839 §3.1). */
const JSON_TYPE = /^application\/(?:json|[a-z0-9!#$&^_.+-]+\+json)$/

/**
 * The only charset read. RFC 8259 §8.1 makes JSON between systems UTF-8 and defines no
 * `charset` parameter; a client that names another one (`iso-8859-1`, `utf-16`) sends bytes
 * that decoding as UTF-8 would turn into other text, so it is refused instead. `utf8` is the
 * common misspelling of the same encoding.
 */
const UTF8_NAMES: ReadonlySet<string> = new Set(['utf-8', 'utf8'])

// `fatal`: invalid bytes throw instead of becoming U+FFFD, which would be stored as if sent.
// A leading BOM is dropped (RFC 8259 §8.1 lets a parser ignore it). Stateless per call.
const UTF8 = new TextDecoder('utf-8', { fatal: true })

// JSON.parse decodes escapes in keys, so a key is `__proto__` only if the text holds that
// word or some `\u` escape: the reviver (slower) runs only then.
const MAYBE_PROTO_KEY = /__proto__|\\u/
// JSON's whitespace (RFC 8259 §2), then an object or an array.
const STRICT_START = /^[ \t\n\r]*[[{]/

const ACCEPT_JSON = { Accept: 'application/json' }

/**
 * Reads JSON request bodies into `ctx.request.body`, for POST, PUT and PATCH. A request
 * without a body (no `Content-Length`, or 0, and no `Transfer-Encoding`) or with an empty one
 * leaves `ctx.request.body` undefined. Otherwise the body must be an object or an array,
 * `Content-Type` `application/json` or `application/*+json`, UTF-8, uncompressed.
 *
 * Errors (`RequestBodyError`, answered by `renderError`):
 * - 400 `INVALID_UTF8`: bytes that are not UTF-8;
 * - 400 `INVALID_JSON`: not JSON, not an object or array, or a `__proto__` key;
 * - 413 `PAYLOAD_TOO_LARGE`: over `limitBytes` (declared or counted; the rest is discarded);
 * - 415 `UNSUPPORTED_MEDIA_TYPE`: another media type, a `charset` other than UTF-8, or a
 *   `Content-Encoding` (RFC 9110 §15.5.16 puts all three under 415: the content is fine as
 *   far as the server can tell, it is the format the server does not read);
 * - 400 `REQUEST_ABORTED`: the client went away before the end of the body.
 *
 * @throws RangeError when `limitBytes` is not a positive integer.
 * @example
 * app.use(createJsonBody({ limitBytes: 65_536 }))
 * // or: read first, answer the error later (see `deferErrors`)
 * app.use(createJsonBody({ deferErrors: true })).use(session).use(raiseBodyError)
 */
export function createJsonBody(options: JsonBodyOptions = {}): Middleware {
  const limitBytes = options.limitBytes ?? DEFAULT_JSON_BODY_OPTIONS.limitBytes
  if (!Number.isSafeInteger(limitBytes) || limitBytes <= 0) {
    throw new RangeError(`limitBytes: expected a positive integer, got ${limitBytes}`)
  }
  const deferErrors = options.deferErrors ?? DEFAULT_JSON_BODY_OPTIONS.deferErrors
  async function readThenNext(ctx: Context, next: Next): Promise<void> {
    try {
      checkFormat(ctx.req)
      const bytes = await readBytes(ctx.req, limitBytes)
      ctx.request.body = parse(decode(bytes))
    } catch (error) {
      const keep =
        deferErrors && error instanceof RequestBodyError && error.code !== 'REQUEST_ABORTED'
      if (!keep) throw error
      deferred.set(ctx, error)
    }
    await next()
  }

  // A request without a body goes on at once, without an async function of its own.
  return function jsonBody(ctx: Context, next: Next): Promise<void> {
    if (BODY_METHODS.has(ctx.request.method) && hasBody(ctx.req)) return readThenNext(ctx, next)
    return next()
  }
}

function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true
  const length = req.headers['content-length']
  return length !== undefined && Number(length) > 0
}

/** Refuse what cannot be JSON as we read it before reading a byte. */
function checkFormat(req: IncomingMessage): void {
  const encoding = req.headers['content-encoding']?.trim().toLowerCase()
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    throw new RequestBodyError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Encoding ${JSON.stringify(encoding)} is not read: send the body uncompressed`,
      { 'Accept-Encoding': 'identity' },
    )
  }
  const { type, charset } = mediaType(req.headers['content-type'] ?? '')
  if (!JSON_TYPE.test(type)) {
    throw new RequestBodyError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Expected a JSON body (Content-Type: application/json), got ${JSON.stringify(type)}`,
      ACCEPT_JSON,
    )
  }
  if (charset !== undefined && !UTF8_NAMES.has(charset)) {
    throw new RequestBodyError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `charset ${JSON.stringify(charset)} is not read: send UTF-8 (charset=utf-8, or none)`,
      ACCEPT_JSON,
    )
  }
}

/** The media type and charset of a `Content-Type` value, lower-cased (RFC 9110 §8.3.1). */
function mediaType(header: string): { type: string; charset: string | undefined } {
  const [type = '', ...params] = header.split(';')
  let charset: string | undefined
  for (const param of params) {
    const eq = param.indexOf('=')
    if (eq !== -1 && param.slice(0, eq).trim().toLowerCase() === 'charset') {
      charset = param
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase()
    }
  }
  return { type: type.trim().toLowerCase(), charset }
}

function tooLarge(limitBytes: number): RequestBodyError {
  const size = limitBytes % 1024 === 0 ? `${limitBytes / 1024} KiB` : `${limitBytes} bytes`
  return new RequestBodyError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${size}`)
}

function aborted(cause?: unknown): RequestBodyError {
  return new RequestBodyError(
    400,
    'REQUEST_ABORTED',
    'The request ended before its body',
    {},
    { cause },
  )
}

/**
 * The body's bytes, at most `limitBytes`. Past the limit the rest is read and discarded, so
 * that the 413 reaches a client still sending and the connection stays usable; the server's
 * `requestTimeout` bounds how long that may take.
 */
function readBytes(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0)
  // Declared too large: nothing is read; Node discards the body once the answer is sent.
  if (declared > limitBytes) return Promise.reject(tooLarge(limitBytes))
  if (req.destroyed) return Promise.reject(aborted())
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let received = 0
    const stop = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('close', onClose)
    }
    const onData = (chunk: Buffer) => {
      received += chunk.length
      if (received <= limitBytes) {
        chunks.push(chunk)
        return
      }
      stop()
      req.resume() // flowing with no listener: the rest is dropped
      reject(tooLarge(limitBytes))
    }
    const onEnd = () => {
      stop()
      resolve(Buffer.concat(chunks, received))
    }
    const onError = (error: Error) => {
      stop()
      reject(aborted(error))
    }
    // Node emits 'error' on an aborted request only when someone listens; 'close' always.
    const onClose = () => {
      stop()
      reject(aborted())
    }
    req.on('data', onData)
    req.once('end', onEnd)
    req.once('error', onError)
    req.once('close', onClose)
  })
}

function decode(bytes: Buffer): string {
  try {
    return UTF8.decode(bytes)
  } catch (error) {
    throw new RequestBodyError(
      400,
      'INVALID_UTF8',
      'The request body is not valid UTF-8',
      {},
      { cause: error },
    )
  }
}

function invalidJson(cause?: unknown): RequestBodyError {
  return new RequestBodyError(
    400,
    'INVALID_JSON',
    'The request body is not valid JSON',
    {},
    { cause },
  )
}

function refuseProtoKey(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('a "__proto__" key')
  return value
}

function parse(text: string): unknown {
  if (text === '') return undefined
  // An object or an array, as co-body's strict mode did: a bare string or number is refused.
  if (!STRICT_START.test(text)) throw invalidJson()
  try {
    return MAYBE_PROTO_KEY.test(text) ? JSON.parse(text, refuseProtoKey) : JSON.parse(text)
  } catch (error) {
    throw invalidJson(error)
  }
}
