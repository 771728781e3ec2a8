import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import knexFactory, { type Knex } from 'knex'
import { knexConfigFor, sqliteKnexConfig } from '@header-session/server'
import { BENCH_ENV } from '../config'

/** A Knex instance of the bench with a counter of the statements it sends. */
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
  let count = 0
  knex.on('query', () => {
    count++
  })
  return {
    knex,
    queries: () => count,
    async close() {
      await knex.destroy()
      if (path !== undefined && file === undefined) {
        for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
      }
    },
  }
}
