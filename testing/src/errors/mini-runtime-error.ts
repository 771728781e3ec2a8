/** The base class of every error this package throws. */
export class MiniRuntimeError extends Error {
  override readonly name: string = 'MiniRuntimeError'
  /** A stable code for programs. */
  readonly code: string

  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }
}
