/** Every kind of session event, in the order a request may meet them. */
export const SESSION_EVENT_TYPES = Object.freeze([
  'created',
  'loaded',
  'missed',
  'invalid',
  'expired',
  'rotated',
  'destroyed',
  'conflict',
  'storeError',
] as const)

/** Kinds of session events. */
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number]

/** One thing that happened to a session. Never holds a full token: `hint` is 6 characters. */
export interface SessionEvent {
  type: SessionEventType
  /** The first 6 characters of the session id, when there is one. */
  hint?: string
  /** Why, for `invalid`, `expired`, `conflict` and `storeError`. */
  reason?: string
  /** The store operation, for `storeError`. */
  operation?: string
  /**
   * The store's error, for `storeError`. Its message may quote the store's statement, ids
   * included: log `reason` (ids cut to hints), not this.
   */
  error?: unknown
  /** The store's kind. */
  store: string
  /** Epoch ms. */
  at: number
}

/**
 * Calls the listener after the current request work, so a slow or throwing listener costs
 * nothing; only for the event types in `types`.
 */
export function createEmitter(
  listener: ((event: SessionEvent) => void) | undefined,
  types: ReadonlySet<SessionEventType>,
): (event: SessionEvent) => void {
  if (!listener) return () => {}
  return (event) => {
    if (!types.has(event.type)) return
    setImmediate(() => {
      try {
        listener(event)
      } catch {
        // A listener's failure must never reach a request.
      }
    })
  }
}
