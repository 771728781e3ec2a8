import { AppError } from './app-error'

/** A request's body or parameters are wrong: 400 `VALIDATION_FAILED` with a message per field. */
export class ValidationError extends AppError {
  override readonly name = 'ValidationError'
  override readonly code = 'VALIDATION_FAILED'
  override readonly status = 400
  override readonly expose = true
  override readonly details: { fields: Record<string, string> }

  constructor(readonly fields: Record<string, string>) {
    super(`Invalid ${Object.keys(fields).join(', ')}`)
    this.details = { fields: { ...fields } }
  }
}
