import { hostname } from 'node:os'
import pino, { type DestinationStream, type Logger } from 'pino'
import type { LogLevel } from './config'
import { createRedactor } from './logging/redact-secrets'
import { createLineBatch, type LineBatch } from './logging/line-batch'
import { allowDirectRequestLines } from './logging/request-line'
import { DEFAULT_SESSION_MIDDLEWARE_OPTIONS } from '@header-session/koa'

/** Options of `createLogger`. */
export interface LoggerOptions {
  /** The session header's name (its values are redacted wherever they appear). Default `X-Header-Session`. */
  headerName?: string
  /** Where lines go. Default stdout, the lines of each turn of the event loop in one write (see `createLogger`). */
  destination?: DestinationStream
}

/** stdout's lines, shared by the loggers that write there (one exit hook for all). */
let stdoutLines: LineBatch | undefined

/**
 * The process logger: JSON lines on stdout. Tokens never reach it in full (the request log and
 * session events carry 6 characters at most). As a second line of defence every line is
 * scrubbed of secrets (`redactSecrets`): an error's own fields, such as the `headers` an HTTP
 * error carries, are copied by pino's `err` serializer, and a field added later must not leak.
 *
 * Lines go to stdout synchronously, those of one turn of the event loop together, in one
 * `write(2)` when the turn ends (`createLineBatch`): an error line at once, and what is kept
 * when the process exits. pino's default destination writes through the thread pool and a
 * callback per line, which cost 2.6 to 6.9 µs more per request in the bench; a `write(2)` per
 * line cost a system call per request (bench/PROFILING.md). A stdout that stops reading (a full
 * pipe) holds up the process: keep a reader on it that keeps up, as container log drivers do.
 *
 * The request log writes its one line per request to the same destination itself, in the
 * same format (`requestLineWriter`): this function's options are what that line is made for.
 */
export function createLogger(level: LogLevel, options: LoggerOptions = {}): Logger {
  // Built once: every line is scrubbed (the request lines' path by `requestLineWriter`).
  const scrub = createRedactor([
    options.headerName ?? DEFAULT_SESSION_MIDDLEWARE_OPTIONS.headerName,
  ])
  const destination = options.destination ?? (stdoutLines ??= createLineBatch(1))
  // pino's default bindings, given explicitly: the request lines carry the same.
  const base = { pid: process.pid, hostname: hostname() }
  const logger = pino(
    {
      level,
      base,
      // Errors are described and scrubbed by `redactSecrets`, on the way in (`formatters.log`
      // runs before the serializers) and for errors logged under `err` as a child binding.
      serializers: { err: scrub },
      formatters: { log: (object) => scrub(object) as Record<string, unknown> },
    },
    destination,
  )
  allowDirectRequestLines(logger, { destination, base })
  return logger
}
