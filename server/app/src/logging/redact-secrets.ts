import { stdSerializers } from 'pino'
import { withoutIds } from '@header-session/koa'

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]'

/**
 * Names of fields whose values are secrets wherever they appear in a log object (compared in
 * lower case, `-` and `_` ignored): tokens, WeChat's `session_key` and `access_token`, the app
 * secret, credentials of any HTTP request or answer.
 */
const SECRET_FIELDS = [
  'token',
  'secret',
  'sessionkey',
  'accesstoken',
  'refreshtoken',
  'authorization',
  'cookie',
  'setcookie',
  'password',
  'jscode',
]

/** `name=value` in a URL's query or a form body, for the same names. */
const SECRET_PARAMETER =
  /\b(secret|session_key|access_token|refresh_token|js_code|code)=[^&\s"']+/gi

const MAX_DEPTH = 8

/** The length of a session id (`withoutIds` cuts nothing shorter). */
const ID_LENGTH = 43

/**
 * A copy of `value` fit for a log line: the values of secret fields replaced (at any depth;
 * `headerNames` adds the session header's name), secrets in `name=value` query strings cut out
 * of every string, and every id-shaped run (a session id, in a quoted SQL statement say) cut to
 * its 6-character hint. Never changes `value` itself.
 */
export function redactSecrets(value: unknown, headerNames: readonly string[] = []): unknown {
  return createRedactor(headerNames)(value)
}

/**
 * `redactSecrets` for `headerNames`, with the set of secret names built once: a logger scrubs
 * every line it writes with one of these.
 */
export function createRedactor(headerNames: readonly string[] = []): (value: unknown) => unknown {
  const secret = new Set([...SECRET_FIELDS, ...headerNames.map(normalize)])

  return function redact(value) {
    const seen = new WeakSet<object>()

    function walk(item: unknown, depth: number): unknown {
      if (typeof item === 'string') return redactText(item)
      if (typeof item !== 'object' || item === null) return item
      if (seen.has(item) || depth > MAX_DEPTH) return '[…]'
      seen.add(item)
      if (Array.isArray(item)) return item.map((entry) => walk(entry, depth + 1))
      if (item instanceof Error) return walk(describeError(item), depth)
      const copy: Record<string, unknown> = {}
      for (const key in item) {
        const field = (item as Record<string, unknown>)[key]
        copy[key] = secret.has(normalize(key)) && field != null ? REDACTED : walk(field, depth + 1)
      }
      return copy
    }

    return walk(value, 0)
  }
}

/** A string without secret parameters and ids. Most hold neither an `=` nor 43 characters. */
export function redactText(text: string): string {
  const cut = text.includes('=') ? text.replace(SECRET_PARAMETER, `$1=${REDACTED}`) : text
  return cut.length < ID_LENGTH ? cut : withoutIds(cut)
}

/**
 * An error as a plain object, as pino's `err` serializer sees it: its type, message and stack
 * (with those of its causes), and its own enumerable fields. The serializer's output holds type,
 * message and stack as accessors, not fields, so they are read out here.
 */
function describeError(error: Error): Record<string, unknown> {
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>
  const plain: Record<string, unknown> = {
    type: serialized.type,
    message: serialized.message,
    stack: serialized.stack,
  }
  for (const key in serialized) {
    if (!(key in plain) && key !== 'raw') plain[key] = serialized[key]
  }
  return plain
}

/** A field name as `SECRET_FIELDS` compares it. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '')
}
