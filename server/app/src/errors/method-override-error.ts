import { AppError } from './app-error'

/** An `X-HTTP-Method-Override` the app does not take: 400 `METHOD_OVERRIDE_INVALID`. */
export class MethodOverrideError extends AppError {
  override readonly name = 'MethodOverrideError'
  override readonly code = 'METHOD_OVERRIDE_INVALID'
  override readonly status = 400
  override readonly expose = true
}
