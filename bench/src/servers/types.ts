import type { RequestListener } from 'node:http'

/** What kind of store a server talks to, which decides how its round trips are counted. */
export type StoreKind = 'none' | 'memory' | 'redis' | 'sqlite' | 'pg'

/** A server under test, built inside its own child process. */
export interface BenchServer {
  listener: RequestListener
  /** Where the server mounts the bench's route (`/api/bench` for `/api/bench/counter`). Default none. */
  basePath?: string
  /** Store round trips so far: Redis commands sent, or SQL statements (Knex `query` events). */
  queries(): number
  /** Delete expired rows (SQL stores of ours only; used by the scaling run). */
  prune?(): Promise<number>
  close(): Promise<void>
}

/** Settings a child gets from the parent through its environment. */
export interface ServerSettings {
  /** Use this existing table (already migrated and filled) and leave it in place at close. */
  table?: string
  /** Use this existing sqlite file and leave it in place at close. */
  sqliteFile?: string
}

/** One entry of the line-up. */
export interface ServerDefinition {
  id: string
  label: string
  store: StoreKind
  /** True for our middleware (the targets are about these). */
  ours: boolean
  /**
   * Needs a Redis with a replica: the harness then starts a primary and a replica of it, and
   * runs every Redis server of that run against the primary (so that they compare alike).
   */
  replica?: boolean
  create(settings: ServerSettings): Promise<BenchServer>
}
