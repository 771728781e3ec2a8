import { AppError } from './app-error'

/**
 * WeChat's content check judged a text `risky`: 422 `CONTENT_REJECTED`, with WeChat's `label`
 * (20001 politics, 20002 porn, 20003 abuse, 20006 illegal...). Nothing was stored; the client
 * shows the message and lets the user change the text.
 */
export class ContentRejectedError extends AppError {
  override readonly name = 'ContentRejectedError'
  override readonly code = 'CONTENT_REJECTED'
  override readonly status = 422
  override readonly expose = true
  override readonly details: { field: string; label: number }

  /**
   * @param field The body field whose text was refused, sent as `field`.
   * @param label WeChat's label of the verdict, sent as `label`.
   * @param traceId WeChat's id of the check, for logs only.
   */
  constructor(
    readonly field: string,
    readonly label: number,
    readonly traceId: string,
  ) {
    super(`The ${field} did not pass WeChat's content check; change it and try again`)
    this.details = { field, label }
  }
}
