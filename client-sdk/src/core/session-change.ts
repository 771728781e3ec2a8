/** Why the token changed: the server's status header, or a client-side event. */
export type SessionChangeReason =
  | 'created'
  | 'rotated'
  | 'expired'
  | 'invalid'
  | 'destroyed'
  | 'restored'
  | 'login'
  | 'logout'
  | 'rejected'

/** Passed to `onSessionChange`. It never holds the full token. */
export interface SessionChangeEvent {
  readonly reason: SessionChangeReason
  readonly hasToken: boolean
  /** At most 6 characters of the new token, for debugging; `null` when cleared. */
  readonly tokenPreview: string | null
  /** Bumped on every change; responses to requests sent under an older one are ignored. */
  readonly generation: number
}
