import type { SessionRejection } from '../errors/session-expired-error'
import { errorOf } from './body'
import type { ClientResponse } from './client-types'

/**
 * Does `response` refuse the session the way the protocol says (rule 7): a 401 whose body's
 * `error.code` is `SESSION_EXPIRED` or `SESSION_REQUIRED`? The default `isSessionRejected`.
 */
export function isProtocolRejection(response: ClientResponse): boolean {
  const code = errorOf(response.data).code
  return response.status === 401 && (code === 'SESSION_EXPIRED' || code === 'SESSION_REQUIRED')
}

/** Why a refused answer refused: its protocol code, or `SESSION_REJECTED` when it has none. */
export function rejectionReason(response: ClientResponse): SessionRejection {
  const code = errorOf(response.data).code
  return code === 'SESSION_EXPIRED' || code === 'SESSION_REQUIRED' ? code : 'SESSION_REJECTED'
}
