import pino, { type Logger } from 'pino'
import type { LogLevel } from './config'

/**
 * The process logger: JSON lines on stdout. Tokens never reach it in full (the request log and
 * session events carry 6 characters at most); the redaction is a second line of defence for
 * fields someone might add later.
 */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'token',
        'secret',
        'sessionKey',
        'session_key',
        'headers["x-header-session"]',
        'req.headers["x-header-session"]',
      ],
      censor: '[redacted]',
    },
  })
}
