import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The request and response header every server under test carries its token in. */
export const HEADER = 'X-Header-Session'

/** The one route every server answers: GET reads the counter, POST increments it. */
export const ROUTE = '/counter'

/** Idle lifetime given to every session library, so that all of them store the same expiry. */
export const SESSION_MAX_AGE_MS = 7 * 86_400_000

/**
 * The store deadline (`storeTimeoutMs`) of the servers of ours: the middleware's default, or
 * `BENCH_STORE_TIMEOUT_MS`. `bench:app-cost --callgrind` sets it to a minute: under valgrind a
 * request runs some 50 times slower, and 50 in flight outlast the default second.
 */
export const SESSION_DEADLINE = process.env.BENCH_STORE_TIMEOUT_MS
  ? { storeTimeoutMs: Number(process.env.BENCH_STORE_TIMEOUT_MS) }
  : {}

/** Where the stores live. Redis uses its own database (9 by default) and the bench flushes it. */
export const BENCH_ENV = Object.freeze({
  redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/9',
  pgUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  sqliteDir: process.env.BENCH_SQLITE_DIR ?? join(tmpdir(), 'header-session-bench'),
})
