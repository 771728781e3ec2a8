/** Latency and throughput of one load run, as the scaling report shows them. */
export interface LoadFigures {
  rps: number
  p50: number
  p99: number
}

/** Reads against a store holding few sessions, then the same with a million. */
export interface FlatRow extends LoadFigures {
  store: string
  sessions: number
}

/** Reads before, and while, expired rows are pruned. */
export interface PruneRow {
  store: string
  rows: number
  expired: number
  deleted: number
  pruneMs: number
  before: LoadFigures
  during: LoadFigures
}

/** What `npm run bench:scale` measured. */
export interface ScaleResults {
  date: string
  machine: string
  fillSeconds: Record<string, number>
  flat: FlatRow[]
  prune: PruneRow[]
}
