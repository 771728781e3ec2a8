/** Messages between the bench (parent) and a server's process (child). */
export type ParentMessage = { seq: number; type: 'stats' | 'prune' | 'stop' }

/** Counters a child reports: its own CPU time and the SQL statements its store sent. */
export interface ChildStats {
  /** `process.cpuUsage()`, microseconds. */
  cpu: { user: number; system: number }
  queries: number
  rssBytes: number
}

export type ChildMessage =
  | { type: 'ready'; port: number; basePath: string }
  | { type: 'failed'; error: string }
  | ({ type: 'stats'; seq: number } & ChildStats)
  | { type: 'pruned'; seq: number; deleted: number; ms: number }
  | { type: 'stopped'; seq: number }
