/*
 * The parts of node-sqlite3 the store uses, as structural types of its own: `sqlite3` is an
 * optional package, and a user on PostgreSQL or MySQL compiles these declarations without it.
 * node-sqlite3's `Database` and `Statement` satisfy them.
 */

/** A node-sqlite3 `Database` (a connection). */
export interface SqliteDatabase {
  exec(sql: string, callback: (error: Error | null) => void): unknown
  prepare(sql: string): SqliteStatement
}

/** What node-sqlite3 gives `this` in a `Statement.run` callback. */
export interface SqliteRunResult {
  /** Rows the statement changed. */
  changes: number
}

/** A node-sqlite3 prepared `Statement`. */
export interface SqliteStatement {
  run(params: unknown[], callback: (this: SqliteRunResult, error: Error | null) => void): unknown
  all<R>(params: unknown[], callback: (error: Error | null, rows: R[]) => void): unknown
  finalize(): unknown
}
