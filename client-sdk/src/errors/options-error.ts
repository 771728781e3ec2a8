import { HeaderSessionError } from './header-session-error'

/** A factory received a bad option; thrown once, when the factory is called. */
export class OptionsError extends HeaderSessionError {
  override readonly name = 'OptionsError'
  override readonly code = 'INVALID_OPTION'

  constructor(
    /** The option's name. */
    readonly option: string,
    expected: string,
    value: unknown,
  ) {
    super(`Option "${option}" must be ${expected}; got ${describe(value)}`)
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'function') return 'a function'
  return value !== null && typeof value === 'object' ? 'an object' : String(value)
}
