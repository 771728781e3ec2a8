import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/** A factory received a bad option; thrown once, when the factory is called. */
export class OptionsError extends HeaderSessionError {
  declare readonly name: 'OptionsError'
  declare readonly code: 'INVALID_OPTION'

  /** The option's name. */
  declare readonly option: string

  constructor(option: string, expected: string, value: unknown) {
    super(`Option "${option}" must be ${expected}; got ${describe(value)}`, {
      name: 'OptionsError',
      code: 'INVALID_OPTION',
      option,
    } as HeaderSessionErrorOptions)
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'function') return 'a function'
  return value !== null && typeof value === 'object' ? 'an object' : String(value)
}
