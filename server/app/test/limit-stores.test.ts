import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Redis from 'ioredis'
import Knex, { type Knex as KnexInstance } from 'knex'
import {
  createRateLimitTable,
  type LimitStore,
  openSqliteLimitStore,
  sqlLimitStore,
} from '../src/limits'
import { createLimiter, type Limiter } from '../src/limits/limiter'
import { REDIS_CLIENT_OPTIONS } from '@header-session/koa/redis'
import { describeWith, SERVICES, type ServiceName } from '../../session/test/support/services'
import { uniqueTableName } from '../../session/test/support/sql'

/** One back end of the limits, opened for a test file. */
interface Backend {
  store: LimitStore
  /**
   * Hold the lock a write of `rlKey` needs (SQL: a row or the file), so that the limiter's call
   * waits; resolves with the release. Absent where that would stall a shared service.
   */
  hold?(rlKey: string): Promise<() => Promise<void>>
  close(): Promise<void>
}

interface BackendKind {
  name: string
  service: ServiceName | null
  open(): Promise<Backend>
  /** The same kind of store, on a server that is not there (or a connection that is closed). */
  broken(): Promise<{ store: LimitStore; close(): Promise<void> }>
}

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** A row lock on `rlKey` in an open transaction (the library's upsert then waits for it). */
async function holdRow(knex: KnexInstance, table: string, rlKey: string) {
  const trx = await knex.transaction()
  await trx(table).insert({ key: rlKey, points: 0, expire: Date.now() + 60_000 })
  return async () => void (await trx.rollback())
}

async function sqlBackend(url: string, client: 'pg' | 'mysql2'): Promise<Backend> {
  const knex = Knex({ client, connection: url, pool: { min: 0, max: 4 } })
  const table = uniqueTableName('limits')
  await createRateLimitTable(knex, table)
  return {
    store: await sqlLimitStore(knex, table),
    hold: (rlKey) => holdRow(knex, table, rlKey),
    async close() {
      await knex.schema.dropTableIfExists(table)
      await knex.destroy()
    },
  }
}

async function brokenSql(client: 'pg' | 'mysql2', type: 'postgres' | 'mysql') {
  const port = await closedPort()
  const knex = Knex({
    client,
    connection: { host: '127.0.0.1', port, user: 'nobody', database: 'none' },
    pool: { min: 0, max: 1 },
    acquireConnectionTimeout: 2_000,
    // The refused connections are the point; Knex would print each one.
    log: { warn() {}, error() {}, debug() {}, deprecate() {} },
  })
  const store: LimitStore =
    type === 'postgres'
      ? { type, knex, tableName: 'rate_limits' }
      : { type, knex, database: 'none', tableName: 'rate_limits' }
  return { store, close: () => knex.destroy() }
}

const BACKENDS: BackendKind[] = [
  {
    name: 'memory',
    service: null,
    open: async () => ({ store: { type: 'memory' }, close: async () => {} }),
    broken: async () => {
      throw new Error('memory does not fail')
    },
  },
  {
    name: 'sqlite',
    service: null,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'hs-limits-'))
      const file = join(dir, 'limits.sqlite')
      const opened = await openSqliteLimitStore(file)
      // A second connection to the file (as another process would have) holds its write lock.
      const other = Knex({
        client: 'sqlite3',
        connection: { filename: file },
        useNullAsDefault: true,
      })
      return {
        store: opened.store,
        async hold() {
          // One pooled connection: both statements run on it.
          await other.raw('BEGIN IMMEDIATE')
          return async () => void (await other.raw('ROLLBACK'))
        },
        async close() {
          await other.destroy()
          await opened.close()
          rmSync(dir, { recursive: true, force: true })
        },
      }
    },
    async broken() {
      const dir = mkdtempSync(join(tmpdir(), 'hs-limits-'))
      const opened = await openSqliteLimitStore(join(dir, 'limits.sqlite'))
      await opened.close() // every call now fails: SQLITE_MISUSE, database is closed
      return {
        store: opened.store,
        close: async () => rmSync(dir, { recursive: true, force: true }),
      }
    },
  },
  {
    name: 'redis',
    service: 'redis',
    async open() {
      const client = new Redis(SERVICES.redis.url, REDIS_CLIENT_OPTIONS)
      await new Promise((resolve) => client.once('ready', resolve))
      return { store: { type: 'redis', client }, close: async () => void (await client.quit()) }
    },
    async broken() {
      const client = new Redis(await closedPort(), '127.0.0.1', {
        ...REDIS_CLIENT_OPTIONS,
        retryStrategy: () => null,
      })
      client.on('error', () => {})
      await new Promise((resolve) => client.once('end', resolve))
      return { store: { type: 'redis', client }, close: async () => {} }
    },
  },
  {
    name: 'postgres',
    service: 'postgres',
    open: () => sqlBackend(SERVICES.postgres.url, 'pg'),
    broken: () => brokenSql('pg', 'postgres'),
  },
  {
    name: 'mysql',
    service: 'mysql',
    open: () => sqlBackend(SERVICES.mysql.url, 'mysql2'),
    broken: () => brokenSql('mysql2', 'mysql'),
  },
]

const MINUTE = 60_000

for (const kind of BACKENDS) {
  const describeIt = kind.service === null ? describe : describeWith(kind.service)
  describeIt(`limits counted in ${kind.name}`, () => {
    let backend: Backend
    const failures: unknown[] = []
    const prefix = `hs-limit-test:${randomBytes(6).toString('hex')}`
    const limiter = (points: number, windowMs = MINUTE, store = backend.store): Limiter =>
      createLimiter({
        store,
        rule: { points, windowMs },
        keyPrefix: prefix,
        clearExpired: false,
        timeoutMs: 250,
        onStoreError: (error) => failures.push(error),
      })
    const takeAll = async (l: Limiter, key: string, n: number) => {
      const results: Array<number | null> = []
      for (let i = 0; i < n; i++) results.push(await l.take(key))
      return results
    }

    beforeAll(async () => {
      backend = await kind.open()
    })
    afterAll(async () => {
      await backend?.close()
    })
    beforeEach(() => void (failures.length = 0))

    it('lets `points` requests of a key through, then refuses with the time left', async () => {
      const results = await takeAll(limiter(3), 'a', 5)
      expect(results.slice(0, 3)).toEqual([null, null, null])
      for (const waitMs of results.slice(3)) {
        expect(waitMs).toBeGreaterThan(55_000)
        expect(waitMs).toBeLessThanOrEqual(MINUTE)
      }
      expect(await limiter(3).take('another key')).toBeNull()
      expect(failures).toEqual([])
    })

    if (kind.name !== 'memory') {
      it('shares the count between two app instances on the store', async () => {
        const [first, second] = [limiter(2), limiter(2)]
        expect(await first.take('shared')).toBeNull()
        expect(await second.take('shared')).toBeNull()
        expect(await first.take('shared')).toEqual(expect.any(Number))
        expect(await second.take('shared')).toEqual(expect.any(Number))
      })

      it('counts in memory, and says so, when the store fails', async () => {
        const broken = await kind.broken()
        try {
          const l = limiter(2, MINUTE, broken.store)
          expect(await takeAll(l, 'k', 3)).toEqual([null, null, expect.any(Number)])
          expect(failures.length).toBeGreaterThanOrEqual(2)
        } finally {
          await broken.close()
        }
      })
    }

    it('lets the key through again once its window has ended', async () => {
      const l = limiter(1, 1_000)
      expect(await l.take('window')).toBeNull()
      expect(await l.take('window')).toEqual(expect.any(Number))
      await new Promise((resolve) => setTimeout(resolve, 1_100))
      expect(await l.take('window')).toBeNull()
    })

    if (kind.name === 'sqlite' || kind.name === 'postgres' || kind.name === 'mysql') {
      it('answers from memory within the deadline when the store is stuck', async () => {
        const release = await (backend.hold as NonNullable<Backend['hold']>)(`${prefix}:stuck`)
        try {
          const started = performance.now()
          expect(await limiter(5).take('stuck')).toBeNull()
          expect(performance.now() - started).toBeLessThan(1_000)
          expect(failures).toEqual([expect.objectContaining({ message: 'timeout' })])
        } finally {
          await release()
        }
      })
    }
  })
}

describe('the sqlite limits file', () => {
  it('drops counts whose window ended an hour ago, and its pruning survives a closed file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-limits-prune-'))
    const file = join(dir, 'limits.sqlite')
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const opened = await openSqliteLimitStore(file, 'rate_limits', { pruneIntervalMs: 20 })
      const knex = Knex({
        client: 'sqlite3',
        connection: { filename: file },
        useNullAsDefault: true,
      })
      try {
        const now = Date.now()
        await knex('rate_limits').insert([
          { key: 'old', points: 1, expire: now - 3_700_000 },
          { key: 'recent', points: 1, expire: now - 60_000 },
        ])
        await new Promise((resolve) => setTimeout(resolve, 100))
        const keys = (await knex('rate_limits').select('key')).map(
          (row: { key: string }) => row.key,
        )
        expect(keys).toEqual(['recent'])
      } finally {
        await knex.destroy()
      }
      await opened.close()
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
