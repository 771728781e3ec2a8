import type { SessionChangeReason } from './session-change'

/** What the server's status header says about the token (PROTOCOL, Headers). */
export type ServerSessionStatus = Extract<
  SessionChangeReason,
  'created' | 'rotated' | 'expired' | 'invalid' | 'destroyed'
>

const SERVER_STATUSES: readonly (string | null)[] = [
  'created',
  'rotated',
  'expired',
  'invalid',
  'destroyed',
]

/** Is `status` (a status header's value, `null` when absent) one the protocol defines? */
export function isServerStatus(status: string | null): status is ServerSessionStatus {
  return SERVER_STATUSES.indexOf(status) >= 0
}

/**
 * Does `status` say that the session is gone (`expired`, `invalid`, `destroyed`)? Then the token
 * is dropped even when the platform left out the empty session header that comes with it.
 */
export function isSessionGone(status: string | null): boolean {
  return status === 'expired' || status === 'invalid' || status === 'destroyed'
}
