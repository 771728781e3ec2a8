import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import Redis from 'ioredis'
import knexFactory, { type Knex } from 'knex'
import type { SessionRecord } from '@header-session/koa'
import { createRedisStore, REDIS_CLIENT_OPTIONS } from '@header-session/koa/redis'
import { migrateSessions, sqliteKnexConfig } from '@header-session/koa/sql'
import { knexConfigFor } from '@header-session/server'
import { BENCH_ENV } from './config'
import { load, startLoad, type LoadOptions } from './load'
import { writeJson } from './output'
import { publish } from './publish'
import type { FlatRow, LoadFigures, PruneRow, ScaleResults } from './scale-types'
import { seedSessions } from './scenarios'
import { startServerProcess, type ServerProcess } from './server-process'

/** A session id as the protocol defines it: 32 random bytes, base64url (43 characters). */
const sessionId = (): string => randomBytes(32).toString('base64url')

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '1000000' },
    expired: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
  },
})
const SESSIONS = Number(values.sessions)
const EXPIRED = Number(values.expired)
const DURATION = Number(values.duration)
const CONNECTIONS = Number(values.connections)
const DAY = 86_400_000

/**
 * A stored record as a fresh session writes it. `lastSeenAt` lies 10 minutes ahead so that the
 * reads measured are plain reads, not the once-a-minute touch a session idle for longer gets.
 */
function record(now: number, expired = false): SessionRecord {
  return {
    data: { views: 1 },
    userId: null,
    device: null,
    createdAt: now,
    lastSeenAt: now + 600_000,
    idleExpiresAt: expired ? now - 1000 : now + 7 * DAY,
    absoluteExpiresAt: now + 30 * DAY,
    version: 1,
  }
}

const figures = ({ rps, p50, p99 }: LoadFigures): LoadFigures => ({ rps, p50, p99 })

async function reads(server: ServerProcess, extra: Partial<LoadOptions>): Promise<LoadFigures> {
  const options: LoadOptions = {
    url: server.url,
    method: 'GET',
    connections: CONNECTIONS,
    durationSeconds: 1,
    tokens: [],
    ...extra,
  }
  await load(options)
  return figures(await load({ ...options, durationSeconds: DURATION }))
}

/** Each request picks one of `tokens` at random: the same load-tool work as the large runs. */
function pick(tokens: readonly string[]): Partial<LoadOptions> {
  return { randomToken: () => tokens[Math.floor(Math.random() * tokens.length)] as string }
}

function log(text: string): void {
  console.log(`${new Date().toISOString().slice(11, 19)} ${text}`)
}

async function redisScale(flat: FlatRow[], fill: Record<string, number>): Promise<void> {
  const client = new Redis(BENCH_ENV.redisUrl, { ...REDIS_CLIENT_OPTIONS })
  await new Promise((resolve) => client.once('ready', resolve))
  await client.flushdb()
  const server = await startServerProcess('ours-redis')
  try {
    const tokens = await seedSessions(server.url, CONNECTIONS, true)
    flat.push({ store: 'Redis', sessions: tokens.length, ...(await reads(server, pick(tokens))) })
    log(`Redis, ${tokens.length} sessions: ${JSON.stringify(flat.at(-1))}`)
    const store = createRedisStore({ client, prefix: 'bench:hs:' })
    const ids: string[] = []
    const started = performance.now()
    const now = Date.now()
    for (let done = 0; done < SESSIONS;) {
      const batch = Math.min(10_000, SESSIONS - done)
      const created = Array.from({ length: batch }, () => {
        const id = sessionId()
        ids.push(id)
        return store.create(id, record(now))
      })
      await Promise.all(created)
      done += batch
    }
    fill.Redis = (performance.now() - started) / 1000
    log(`Redis filled with ${ids.length} sessions in ${fill.Redis.toFixed(0)} s`)
    const randomToken = (): string => ids[Math.floor(Math.random() * ids.length)] as string
    flat.push({
      store: 'Redis',
      sessions: ids.length + CONNECTIONS,
      ...(await reads(server, { randomToken })),
    })
    log(`Redis, ${ids.length} sessions: ${JSON.stringify(flat.at(-1))}`)
  } finally {
    await server.stop()
    await client.flushdb()
    await client.quit()
  }
}

/** Insert `SESSIONS` rows, ids `000…1` to `000…N`, the first `EXPIRED` of them expired. */
async function fillSql(knex: Knex, dialect: 'sqlite' | 'pg', table: string): Promise<void> {
  const now = Date.now()
  const live = record(now)
  const columns =
    'id, data, user_id, device, created_at, last_seen_at, idle_expires_at, absolute_expires_at, version'
  const n = dialect === 'pg' ? '::bigint' : ''
  const values = `?, null, null, ?${n}, ?${n}, case when i <= ?${n} then ?${n} else ?${n} end, ?${n}, 1`
  const bindings = [
    JSON.stringify(live.data),
    live.createdAt,
    live.lastSeenAt,
    EXPIRED,
    now - 1000,
    live.idleExpiresAt,
    live.absoluteExpiresAt,
  ]
  if (dialect === 'pg') {
    await knex.raw(
      `insert into ${table} (${columns}) select lpad(i::text, 43, '0'), ${values} from generate_series(1, ?::bigint) i`,
      [...bindings, SESSIONS],
    )
    await knex.raw(`analyze ${table}`)
  } else {
    await knex.raw(
      `with recursive c(i) as (select 1 union all select i + 1 from c where i < ?) ` +
        `insert into ${table} (${columns}) select printf('%043d', i), ${values} from c`,
      [SESSIONS, ...bindings],
    )
    await knex.raw('analyze')
  }
}

async function sqlScale(
  dialect: 'sqlite' | 'pg',
  flat: FlatRow[],
  prune: PruneRow[],
  fill: Record<string, number>,
): Promise<void> {
  const label = dialect === 'pg' ? 'PostgreSQL' : 'sqlite'
  const table = `bench_scale_${process.pid}`
  const file = join(BENCH_ENV.sqliteDir, `scale-${process.pid}.sqlite`)
  const knex = knexFactory(
    dialect === 'pg' ? knexConfigFor(BENCH_ENV.pgUrl) : sqliteKnexConfig(file),
  )
  await migrateSessions(knex, { tableName: table })
  const env: Record<string, string> = { BENCH_TABLE: table }
  if (dialect === 'sqlite') env.BENCH_SQLITE_FILE = file
  const server = await startServerProcess(`ours-${dialect}`, { env })
  try {
    const tokens = await seedSessions(server.url, CONNECTIONS, true)
    flat.push({ store: label, sessions: tokens.length, ...(await reads(server, pick(tokens))) })
    log(`${label}, ${tokens.length} rows: ${JSON.stringify(flat.at(-1))}`)
    const started = performance.now()
    await fillSql(knex, dialect, table)
    fill[label] = (performance.now() - started) / 1000
    log(`${label} filled with ${SESSIONS} rows in ${fill[label].toFixed(0)} s`)
    const randomToken = (): string =>
      String(EXPIRED + 1 + Math.floor(Math.random() * (SESSIONS - EXPIRED))).padStart(43, '0')
    const before = await reads(server, { randomToken })
    flat.push({ store: label, sessions: SESSIONS + CONNECTIONS, ...before })
    log(`${label}, ${SESSIONS} rows: ${JSON.stringify(before)}`)
    const run = startLoad({
      url: server.url,
      method: 'GET',
      connections: CONNECTIONS,
      durationSeconds: 600,
      tokens: [],
      randomToken,
    })
    await new Promise((resolve) => setTimeout(resolve, 500))
    const pruned = await server.prune()
    run.stop()
    const during = figures(await run.done)
    prune.push({
      store: label,
      rows: SESSIONS + CONNECTIONS,
      expired: EXPIRED,
      deleted: pruned.deleted,
      pruneMs: pruned.ms,
      before,
      during,
    })
    log(
      `${label} pruned ${pruned.deleted} rows in ${pruned.ms.toFixed(0)} ms: ${JSON.stringify(during)}`,
    )
  } finally {
    await server.stop()
    for (const name of [table, `${table}_migrations`, `${table}_migrations_lock`]) {
      await knex.schema.dropTableIfExists(name)
    }
    await knex.destroy()
    if (dialect === 'sqlite')
      for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true })
  }
}

/** `npm run bench:scale`: reads with a million sessions stored, and pruning under load. */
async function main(): Promise<void> {
  const flat: FlatRow[] = []
  const prune: PruneRow[] = []
  const fillSeconds: Record<string, number> = {}
  await redisScale(flat, fillSeconds)
  await sqlScale('pg', flat, prune, fillSeconds)
  await sqlScale('sqlite', flat, prune, fillSeconds)
  const { cpus } = await import('node:os')
  const results: ScaleResults = {
    date: new Date().toISOString(),
    machine: `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`,
    fillSeconds,
    flat,
    prune,
  }
  await writeJson('scale.json', results)
  await publish()
  log('wrote results/scale.json and RESULTS.md')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
