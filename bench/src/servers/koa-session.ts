import Koa, { type Context } from 'koa'
import createSession from 'koa-session'
import { HEADER, SESSION_MAX_AGE_MS } from '../config'
import { counterRoute, type CounterData } from './koa-route'
import { type CountedRedis, openDefaultIoredis, openIoredis } from './redis-client'
import { openKnex } from './sql'
import type { BenchServer } from './types'

/** koa-session's external store interface (what `opts.store` must provide). */
interface KoaSessionStore {
  get(key: string): Promise<unknown>
  set(key: string, session: unknown, maxAge: number): Promise<void>
  destroy(key: string): Promise<void>
}

/** koa-session 7 with its session id carried in the header through `externalKey`. */
export function koaSessionApp(store: KoaSessionStore): Koa {
  const app = new Koa()
  app.use(
    createSession(
      {
        key: 'sid',
        maxAge: SESSION_MAX_AGE_MS,
        signed: false,
        store,
        externalKey: {
          get: (ctx: Context) => ctx.get(HEADER),
          set: (ctx: Context, value: string) => ctx.set(HEADER, value),
        },
      },
      app,
    ),
  )
  // koa-session does not type `ctx.session`; the bench's program types it as ours.
  app.use(counterRoute((ctx) => (ctx as unknown as { session: CounterData }).session))
  return app
}

/**
 * koa-session 7 + a store on ioredis (GET / SET PX / DEL of JSON), as its README shows. The
 * client has our servers' settings (`REDIS_CLIENT_OPTIONS`), or with `'defaults'` ioredis's
 * own (`new Redis(url)`).
 */
export async function createKoaSessionRedis(
  client: 'same-options' | 'defaults' = 'same-options',
): Promise<BenchServer> {
  return koaSessionOnIoredis(await (client === 'defaults' ? openDefaultIoredis() : openIoredis()))
}

async function koaSessionOnIoredis({ client, commands }: CountedRedis): Promise<BenchServer> {
  const key = (id: string): string => `bench:ks:${id}`
  const app = koaSessionApp({
    async get(id) {
      const raw = await client.get(key(id))
      return raw === null ? null : (JSON.parse(raw) as unknown)
    },
    async set(id, session, maxAge) {
      await client.set(key(id), JSON.stringify(session), 'PX', maxAge)
    },
    async destroy(id) {
      await client.del(key(id))
    },
  })
  return {
    listener: app.callback(),
    queries: commands,
    close: async () => {
      await client.quit()
    },
  }
}

/**
 * koa-session 7 + a store on a Knex table (sqlite): one SELECT to load, one upsert to save.
 * koa-session ships no SQL store; this is the few lines everyone writes.
 */
export async function createKoaSessionSqlite(): Promise<BenchServer> {
  const db = openKnex('sqlite', 'koa-session')
  const { knex } = db
  const table = 'koa_sessions'
  await knex.schema.createTable(table, (t) => {
    t.string('id', 64).primary()
    t.text('data').notNullable()
    t.bigInteger('expires_at').notNullable()
  })
  const app = koaSessionApp({
    async get(id) {
      const row = (await knex(table).where('id', id).first('data')) as { data: string } | undefined
      return row === undefined ? null : (JSON.parse(row.data) as unknown)
    },
    async set(id, session, maxAge) {
      await knex(table)
        .insert({ id, data: JSON.stringify(session), expires_at: Date.now() + maxAge })
        .onConflict('id')
        .merge()
    },
    async destroy(id) {
      await knex(table).where('id', id).del()
    },
  })
  return { listener: app.callback(), queries: db.queries, close: () => db.close() }
}
