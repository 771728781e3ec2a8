import { AppError } from './app-error'

/** The codes of `RequestBodyError`, one per way a body can be refused. */
export type RequestBodyErrorCode =
  | 'INVALID_JSON'
  | 'INVALID_UTF8'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'REQUEST_ABORTED'

/**
 * The request body cannot be read as JSON (see `createJsonBody`): 400, 413 or 415 with a stable
 * `code`. `headers` go on the response (`Accept`, `Accept-Encoding` on a 415, as RFC 9110
 * §15.5.16 and §12.5.3 suggest), the way `renderError` sets an error's `headers`.
 */
export class RequestBodyError extends AppError {
  override readonly name = 'RequestBodyError'
  override readonly expose = true
  override readonly code: RequestBodyErrorCode
  override readonly status: 400 | 413 | 415

  constructor(
    status: 400 | 413 | 415,
    code: RequestBodyErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.status = status
    this.code = code
  }
}
