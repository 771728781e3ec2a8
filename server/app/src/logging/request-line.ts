import type { DestinationStream, Logger } from 'pino'
import { redactText } from './redact-secrets'

/** The fields of the one line each request logs (`msg` `request`), in the order written. */
export interface RequestLine {
  reqId: string
  /** The client address (see `clientAddress`). */
  client: string
  method: string
  /** The path, never the query. */
  path: string
  status: number
  /** Duration, in milliseconds, to a tenth. */
  ms: number
  /** At most 6 characters of the session token; absent without one. */
  session: string | undefined
}

/** Writes one request line, or nothing when the logger's level is above `info`. */
export type RequestLineWriter = (line: RequestLine) => void

/** What `createLogger` tells about a logger it made, for `writeDirectly`. */
export interface DirectLineTarget {
  destination: DestinationStream
  /** The logger's `base` bindings, as pino writes them after `time`. */
  base: Readonly<Record<string, string | number>>
}

/**
 * Text that JSON writes as it is, between quotes: printable ASCII but `"` and `\`. Request ids,
 * addresses, methods and most paths are such text, and quoting them is cheaper than
 * `JSON.stringify`, which sets up its serializer at every call.
 */
const PLAIN_JSON_TEXT = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/

/**
 * What `JSON.stringify(value)` writes between its quotes (the line's template holds the quotes).
 */
export function jsonStringContent(value: string): string {
  return PLAIN_JSON_TEXT.test(value) ? value : JSON.stringify(value).slice(1, -1)
}

/**
 * `jsonStringContent` that remembers the last value it was given: for a field whose values
 * repeat from line to line (a method; the client address, the same for every request of a
 * keep-alive connection), the repeat costs a comparison instead of a test of every character.
 */
function lastValueQuoter(): (value: string) => string {
  let lastValue = ''
  let lastContent = ''
  return (value) => {
    if (value !== lastValue) {
      lastContent = jsonStringContent(value)
      lastValue = value
    }
    return lastContent
  }
}

/** Tenths of a millisecond beyond which `durationText` leaves a duration to `String`. */
const MAX_TENTHS = 1e15

/**
 * `String(ms)` for a duration to a tenth of a millisecond (`0.4`, `12`, `1234.5`), made of two
 * integers: a fraction's text takes V8's shortest-digits algorithm, a small integer's comes
 * from its cache of number texts. Any other number (more digits, negative, huge) goes through
 * `String`.
 */
export function durationText(ms: number): string {
  const tenths = Math.round(ms * 10)
  if (tenths / 10 !== ms || tenths < 0 || tenths > MAX_TENTHS) return String(ms)
  const rest = tenths % 10
  const whole = (tenths - rest) / 10
  return rest === 0 ? String(whole) : `${whole}.${rest}`
}

/** pino's value of `info`, in its default levels (those of `createLogger`'s loggers). */
const INFO_LEVEL = 30

/** Loggers whose request lines are written without pino's general path (see `writeDirectly`). */
const directTargets = new WeakMap<Logger, DirectLineTarget>()

/**
 * Lets `requestLineWriter(logger)` write the lines itself, straight to `target.destination`:
 * only for a logger whose options `createLogger` chose (default levels, `msg`, epoch `time`,
 * `base` as given, no mixin or hooks), so that the line is the one pino would write.
 */
export function allowDirectRequestLines(logger: Logger, target: DirectLineTarget): void {
  directTargets.set(logger, target)
}

/**
 * The request line writer of `logger`. For a logger of `createLogger`, the line is made here,
 * as pino makes it (`{"level":30,"time":…,<base>,<fields>,"msg":"request"}`), and written to its
 * destination in one call: pino's own path (a child logger per request, its generic
 * serialization, the scrubber's copy of every field) cost more than half of the app's own
 * cost per request (bench/PROFILING.md). The path is scrubbed as every logged string is (a
 * client may put anything in it); the other fields are made by the app: a checked request id,
 * an address, a method, numbers, a 6-character hint. Any other logger gets `logger.info`.
 */
export function requestLineWriter(logger: Logger): RequestLineWriter {
  const target = directTargets.get(logger)
  if (!target) return (line) => logger.info(line, 'request')
  const { destination } = target
  const base = Object.entries(target.base)
    .map(([key, value]) => `,${JSON.stringify(key)}:${JSON.stringify(value)}`)
    .join('')
  // Each piece of text joined is a string made per line: the constant ones are joined once.
  const afterTime = `${base},"reqId":"`
  const clientContent = lastValueQuoter()
  const methodContent = lastValueQuoter()
  return function writeDirectly(line) {
    // `isLevelEnabled('info')` for default levels, without its lookup by name.
    if (!(logger.levelVal <= INFO_LEVEL)) return
    const session =
      line.session === undefined ? '' : `,"session":"${jsonStringContent(line.session)}"`
    destination.write(
      `{"level":30,"time":${Date.now()}${afterTime}${jsonStringContent(line.reqId)}` +
        `","client":"${clientContent(line.client)}","method":"${methodContent(line.method)}` +
        `","path":"${jsonStringContent(redactText(line.path))}","status":${line.status}` +
        `,"ms":${durationText(line.ms)}${session},"msg":"request"}\n`,
    )
  }
}
