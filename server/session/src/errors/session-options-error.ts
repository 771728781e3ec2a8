import { HeaderSessionError } from './header-session-error'

/** An option given to a factory is missing or out of range. Thrown when the factory is called. */
export class SessionOptionsError extends HeaderSessionError {
  override readonly name = 'SessionOptionsError'
  override readonly code = 'SESSION_OPTIONS_INVALID'

  constructor(
    readonly option: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`Invalid option ${option}: ${describe(value)} (expected ${expected})`)
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)
  if (typeof value === 'function') return 'a function'
  try {
    return String(JSON.stringify(value))
  } catch {
    return typeof value
  }
}
