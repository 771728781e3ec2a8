import type { Transport, TransportRequest } from '../../src/core/types'
import { createHold, type Hold, type HoldHandle } from './hold'

/** A transport that can hold a request after the client sent it, before it goes on the wire. */
export interface HoldingTransport extends Transport {
  /** Every request the client sent, held ones included. */
  readonly requests: TransportRequest[]
  /**
   * Holds the next request that `matches`: the client has stamped it with its token and
   * generation, but the server sees nothing of it until `release()`.
   */
  holdNext(matches: (request: TransportRequest) => boolean): Hold
}

/**
 * Wraps `inner` so a test can force a race at the transport: a request the client sent under
 * one session reaches the server only after, say, a login answered. The server's own order of
 * work (body before or after the session load) does not change what it then sees.
 */
export function holdingTransport(inner: Transport): HoldingTransport {
  const requests: TransportRequest[] = []
  let next: { matches: (request: TransportRequest) => boolean; hold: HoldHandle } | null = null
  return {
    requests,
    maxConcurrent: inner.maxConcurrent,
    async send(request) {
      requests.push(request)
      const pending = next
      if (pending && pending.matches(request)) {
        next = null
        pending.hold.arrive()
        await pending.hold.released
      }
      return inner.send(request)
    },
    holdNext(matches) {
      const hold = createHold()
      next = { matches, hold }
      return hold
    },
  }
}
