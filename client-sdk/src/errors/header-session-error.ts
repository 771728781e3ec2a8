/** Options every SDK error accepts. */
export interface HeaderSessionErrorOptions {
  /** The original error (platform `errMsg`, storage exception, ...). */
  readonly cause?: unknown
}

/**
 * Base class of every error the client SDK throws. Catch it to handle all of them; switch on
 * `code` (stable) rather than on `message` (prose).
 *
 * @example
 * ```ts
 * try { await client.get('/api/me') } catch (e) {
 *   if (e instanceof HeaderSessionError && e.code === 'SESSION_EXPIRED') showLogin()
 * }
 * ```
 */
export class HeaderSessionError extends Error {
  override readonly name: string = 'HeaderSessionError'
  /** Stable machine-readable code; each subclass has its own. */
  readonly code: string = 'HEADER_SESSION_ERROR'

  // Subclasses pass their own fields (`name`, `code`, ...) in `options`: one assignment for all.
  constructor(message: string, options?: HeaderSessionErrorOptions) {
    super(message)
    // Keeps `instanceof` working when a mini-program build transpiles classes to ES5.
    Object.setPrototypeOf(this, new.target.prototype)
    Object.assign(this, options)
  }
}
