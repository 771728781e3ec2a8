import { mkdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import knexFactory, { type Knex } from 'knex'
import sqlite3 from 'sqlite3'
import { sqliteKnexConfig } from '@header-session/koa/sql'
import { knexConfigFor } from '@header-session/server'
import { BENCH_ENV } from '../config'

/**
 * A Knex instance of the bench with a counter of the statements sent on its driver, whether
 * Knex builds them or a store runs prepared statements on the driver itself.
 */
export interface CountedKnex {
  knex: Knex
  queries(): number
  /** Destroy the instance and delete what `openKnex` created (a sqlite file). */
  close(): Promise<void>
}

/**
 * Knex on sqlite or PostgreSQL with the settings our server uses (`sqliteKnexConfig`: WAL,
 * `synchronous = NORMAL`, one connection; `knexConfigFor`: a pool of 10), for our store and for
 * koa-session's alike. A new sqlite file per process unless `file` names an existing one.
 */
export function openKnex(dialect: 'sqlite' | 'pg', name: string, file?: string): CountedKnex {
  let path: string | undefined
  let config: Knex.Config
  if (dialect === 'sqlite') {
    mkdirSync(BENCH_ENV.sqliteDir, { recursive: true })
    path = file ?? join(BENCH_ENV.sqliteDir, `${name}-${process.pid}.sqlite`)
    config = sqliteKnexConfig(path)
  } else {
    config = knexConfigFor(BENCH_ENV.pgUrl)
  }
  const knex = knexFactory(config)
  const queries = countStatements(dialect)
  return {
    knex,
    queries,
    async close() {
      await knex.destroy()
      if (path !== undefined && file === undefined) {
        for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
      }
    },
  }
}

/** node-postgres ships no types; only its client's prototype is used here. */
const pg = createRequire(__filename)('pg') as { Client: { prototype: object } }

let statements = 0
let counting: 'sqlite' | 'pg' | null = null

/**
 * Count every statement the process runs on the driver (node-sqlite3: each call of a statement
 * and each `exec`, `BEGIN`/`COMMIT` included; node-postgres: each `query`). One driver per
 * process: every bench server runs in its own.
 */
function countStatements(dialect: 'sqlite' | 'pg'): () => number {
  if (counting === null) {
    counting = dialect
    if (dialect === 'sqlite') {
      const statement = sqlite3.Statement.prototype as unknown as Record<string, unknown>
      for (const method of ['run', 'all', 'get', 'each']) wrap(statement, method)
      wrap(sqlite3.Database.prototype as unknown as Record<string, unknown>, 'exec')
    } else {
      wrap(pg.Client.prototype as unknown as Record<string, unknown>, 'query')
    }
  } else if (counting !== dialect) {
    throw new Error(`statements of ${counting} are counted in this process already`)
  }
  return () => statements
}

function wrap(target: Record<string, unknown>, method: string): void {
  const original = target[method] as (...args: unknown[]) => unknown
  target[method] = function counted(this: unknown, ...args: unknown[]): unknown {
    statements++
    return original.apply(this, args)
  }
}
