/**
 * Base class of every error this package throws. Follows Koa's `status` / `expose` contract:
 * Koa answers with `status`, and shows `message` to the client only when `expose` is true.
 */
export class HeaderSessionError extends Error {
  override readonly name: string = 'HeaderSessionError'
  /** Stable, machine-readable code, also sent as `error.code` in JSON answers. */
  readonly code: string = 'HEADER_SESSION_ERROR'
  /** The HTTP status Koa should answer with. */
  readonly status: number = 500
  /** Whether the message may be shown to the client. */
  readonly expose: boolean = false

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
  }

  /** Fields a JSON answer carries beside `code` and `message` (only when `expose`). */
  get details(): Readonly<Record<string, string | number | boolean>> {
    return {}
  }
}
