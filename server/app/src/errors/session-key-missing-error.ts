import { AppError } from './app-error'

/**
 * The logged-in session holds no WeChat `session_key` to decrypt open data with: its login came
 * before the app kept keys, or the key cannot be read (sealed with an encryption key no longer
 * configured). 401 `WECHAT_SESSION_KEY_MISSING`: log in again (`wx.login`, then
 * `POST /api/auth/login`), fetch the data again, and retry. Unlike `SESSION_EXPIRED`, the
 * session itself is fine, so a client keeps its token and the login rotates it.
 */
export class SessionKeyMissingError extends AppError {
  override readonly name = 'SessionKeyMissingError'
  override readonly code = 'WECHAT_SESSION_KEY_MISSING'
  override readonly status = 401
  override readonly expose = true

  constructor() {
    super('This session holds no WeChat session_key to read the data with; log in again')
  }
}
