import Koa from 'koa'
import { createSessionMiddleware } from '@header-session/koa'
import { createSqlStore, migrateSessions } from '@header-session/koa/sql'
import { HEADER, SESSION_DEADLINE, SESSION_MAX_AGE_MS } from '../config'
import { counterRoute, type CounterData } from './koa-route'
import { openKnex } from './sql'
import type { BenchServer, ServerSettings } from './types'

/** Our middleware with the SQL store on sqlite or PostgreSQL, in a table of its own. */
export async function createOursSql(
  dialect: 'sqlite' | 'pg',
  settings: ServerSettings,
): Promise<BenchServer> {
  const db = openKnex(dialect, 'ours', settings.sqliteFile)
  const { knex } = db
  const tableName = settings.table ?? `bench_hs_${process.pid}`
  if (settings.table === undefined) await migrateSessions(knex, { tableName })
  const store = createSqlStore({ knex, tableName })
  const app = new Koa()
  app.use(
    createSessionMiddleware({
      store,
      headerName: HEADER,
      idleTimeoutMs: SESSION_MAX_AGE_MS,
      ...SESSION_DEADLINE,
    }),
  )
  app.use(counterRoute((ctx) => ctx.session.data as CounterData))
  return {
    listener: app.callback(),
    queries: db.queries,
    prune: () => store.prune(),
    async close() {
      if (settings.table === undefined) {
        for (const table of [tableName, `${tableName}_migrations`, `${tableName}_migrations_lock`])
          await knex.schema.dropTableIfExists(table)
      }
      await db.close()
    },
  }
}
