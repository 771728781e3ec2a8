/** Counters of a runtime's network calls. */
export interface NetworkStats {
  requests: number
  uploads: number
  downloads: number
  /** Calls holding one of the platform's slots now. */
  inFlight: number
  peakInFlight: number
  /** Calls that found every slot taken: they waited (`overflow: 'queue'`) or failed (`'fail'`). */
  overflowed: number
  /** Calls ended by their task's `abort()`. */
  aborted: number
}

/** Counters at zero. */
export function createNetworkStats(): NetworkStats {
  return {
    requests: 0,
    uploads: 0,
    downloads: 0,
    inFlight: 0,
    peakInFlight: 0,
    overflowed: 0,
    aborted: 0,
  }
}
