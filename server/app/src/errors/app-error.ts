import type { JsonObject } from '@header-session/koa'

/**
 * Base class of the reference app's errors. Follows Koa's `status` / `expose` contract like
 * `HeaderSessionError`; `details` are extra fields of the JSON answer's `error` object
 * (`fields`, `wechatErrcode`), shown only when `expose` is true.
 */
export class AppError extends Error {
  override readonly name: string = 'AppError'
  /** Stable, machine-readable code, sent as `error.code`. */
  readonly code: string = 'APP_ERROR'
  /** The HTTP status to answer with. */
  readonly status: number = 500
  /** Whether the message and details may be shown to the client. */
  readonly expose: boolean = false
  /** Extra fields of the JSON `error` object. */
  readonly details: JsonObject = {}

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}
