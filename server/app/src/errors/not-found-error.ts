import { AppError } from './app-error'

/** No such resource for this user: 404 `NOT_FOUND` (another user's note looks the same). */
export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError'
  override readonly code = 'NOT_FOUND'
  override readonly status = 404
  override readonly expose = true

  constructor(what: string) {
    super(`No such ${what}`)
  }
}
