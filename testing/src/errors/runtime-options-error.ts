import { MiniRuntimeError } from './mini-runtime-error'

/** An option of `createMiniRuntime` has a value it cannot take. */
export class RuntimeOptionsError extends MiniRuntimeError {
  override readonly name = 'RuntimeOptionsError'
  /** The option, e.g. `platform` or `appJson.networkTimeout.request`. */
  readonly option: string
  readonly value: unknown

  constructor(option: string, expected: string, value: unknown) {
    super(`${option} must be ${expected}, got ${String(value)}`, 'RUNTIME_OPTIONS')
    this.option = option
    this.value = value
  }
}
