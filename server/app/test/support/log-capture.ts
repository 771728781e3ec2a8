import { Writable } from 'node:stream'
import type { Logger } from 'pino'
import { createLogger } from '../../src/logger'

/** A debug logger whose lines are kept in memory, parsed. */
export interface LogCapture {
  logger: Logger
  /** Every line written so far, as written. */
  lines: string[]
  /** The lines whose `msg` is `message`, parsed. */
  find(message: string): Record<string, unknown>[]
}

/** The app's logger at `debug`, writing into memory. */
export function captureLogs(): LogCapture {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean))
      done()
    },
  })
  return {
    logger: createLogger('debug', { destination: stream }),
    lines,
    find: (message) =>
      lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line.msg === message),
  }
}
