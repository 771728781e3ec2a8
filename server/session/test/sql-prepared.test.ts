import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Knex, { type Knex as KnexInstance } from 'knex'
import sqlite3, { type Database } from 'sqlite3'
import type { SqlDialect } from '../src/stores/sql/dialect'
import { sqliteKnexConfig } from '../src/stores/sql/knex-config'
import { migrateSessions } from '../src/stores/sql/migrations'
import { toRow } from '../src/stores/sql/session-row'
import { createSqlStore } from '../src/stores/sql/sql-store'
import type { SessionCommit, SessionRecord } from '../src/types'
import { describeWith } from './support/services'
import { openTestDatabase, uniqueTableName, type TestDatabase } from './support/sql'
import { expectBatchedLoads, newRecord } from './support/store-contract'

const HOUR = 3_600_000
const newId = (): string => randomBytes(32).toString('base64url')

/** A commit with the fast-path `base`, as the middleware sends it for a record it loaded. */
function fastCommit(loaded: SessionRecord, views: number): SessionCommit {
  const now = Date.now()
  const data = { ...loaded.data, views }
  const record = { ...loaded, data, lastSeenAt: now, version: loaded.version + 1 }
  return {
    operations: [{ op: 'set', path: ['views'], value: views }],
    lastSeenAt: now,
    idleExpiresAt: loaded.idleExpiresAt,
    maxDataBytes: 65_536,
    base: { version: loaded.version, userId: loaded.userId, record },
  }
}

/** A spy on the driver's calls that run a select: node-sqlite3's `all`, node-postgres's `query`. */
function spyOnStatements(dialect: SqlDialect): jest.SpyInstance {
  if (dialect === 'sqlite') return jest.spyOn(sqlite3.Statement.prototype, 'all')
  const pg = createRequire(__filename)('pg') as { Client: { prototype: { query(): unknown } } }
  return jest.spyOn(pg.Client.prototype, 'query')
}

/** Count the statements Knex builds and sends while `work` runs. */
async function knexQueries(knex: KnexInstance, work: () => Promise<unknown>): Promise<number> {
  let count = 0
  const listener = () => count++
  knex.on('query', listener)
  try {
    await work()
  } finally {
    knex.off('query', listener)
  }
  return count
}

function describePrepared(dialect: SqlDialect, describeIt: jest.Describe): void {
  describeIt(`createSqlStore's prepared statements on ${dialect}`, () => {
    let database: TestDatabase
    let knex: KnexInstance
    let tableName: string
    beforeAll(async () => {
      database = openTestDatabase(dialect)
      knex = database.connect()
      tableName = uniqueTableName('prep')
      await migrateSessions(knex, { tableName })
    })
    afterAll(async () => {
      for (const table of [tableName, `${tableName}_migrations`, `${tableName}_migrations_lock`])
        await knex.schema.dropTableIfExists(table)
      await database.close()
    })

    it('runs get, create and a fast-path commit without building a Knex query', async () => {
      const store = createSqlStore({ knex, tableName })
      const id = newId()
      const record = newRecord({ data: { views: 1 } })
      const queries = await knexQueries(knex, async () => {
        await expect(store.create(id, record)).resolves.toBe(true)
        const loaded = await store.get(id, HOUR)
        expect(loaded?.data).toEqual({ views: 1 })
        await expect(store.commit(id, fastCommit(loaded!, 2))).resolves.toEqual({
          status: 'applied',
          version: 2,
        })
        await expect(store.create(id, record)).resolves.toBe(false)
      })
      expect(queries).toBe(0)
      expect((await store.get(id, HOUR))?.data).toEqual({ views: 2 })
    })

    it('falls back to the locking path when the row moved on', async () => {
      const store = createSqlStore({ knex, tableName })
      const id = newId()
      await store.create(id, newRecord({ data: { views: 1, other: 'a' } }))
      const loaded = (await store.get(id, HOUR))!
      await store.commit(id, fastCommit(loaded, 5))
      const stale = fastCommit(loaded, 7)
      const queries = await knexQueries(knex, async () => {
        await expect(store.commit(id, stale)).resolves.toEqual({ status: 'applied', version: 3 })
      })
      expect(queries).toBeGreaterThan(0)
      expect((await store.get(id, HOUR))?.data).toEqual({ views: 7, other: 'a' })
    })

    it('keeps every one of 100 parallel writes, and fails only the one that conflicts', async () => {
      const store = createSqlStore({ knex, tableName })
      const ids = Array.from({ length: 100 }, newId)
      const created = await Promise.all(
        [...ids, ids[0]!].map((id, i) => store.create(id, newRecord({ data: { views: i } }))),
      )
      expect(created.filter(Boolean)).toHaveLength(100)
      expect(created[100]).toBe(false)
      const loaded = await Promise.all(ids.map((id) => store.get(id, HOUR)))
      const commits = await Promise.all(
        ids.map((id, i) => store.commit(id, fastCommit(loaded[i]!, 1000 + i))),
      )
      expect(commits.every((result) => result.status === 'applied')).toBe(true)
      const after = await Promise.all(ids.map((id) => store.get(id, HOUR)))
      expect(after.map((record) => record?.data.views)).toEqual(ids.map((_, i) => 1000 + i))
    })

    it('answers 200 parallel reads, in batches, each with its own row', async () => {
      const store = createSqlStore({ knex, tableName })
      await expectBatchedLoads(store, () => spyOnStatements(dialect))
    })

    it('sees what another connection wrote since its last read', async () => {
      const other = database.connect()
      const store = createSqlStore({ knex, tableName })
      const elsewhere = createSqlStore({ knex: other, tableName })
      const id = newId()
      await store.create(id, newRecord({ data: { views: 1 } }))
      const loaded = (await store.get(id, HOUR))!
      await elsewhere.commit(id, fastCommit(loaded, 9))
      expect((await store.get(id, HOUR))?.data).toEqual({ views: 9 })
      await elsewhere.destroy(id)
      await expect(store.get(id, HOUR)).resolves.toBeNull()
    })
  })
}

describePrepared('sqlite', describe)
describePrepared('pg', describeWith('postgres'))

describe('prepared statements on sqlite, around the connection', () => {
  let database: TestDatabase
  beforeAll(() => {
    database = openTestDatabase('sqlite')
  })
  afterAll(() => database.close())

  it('leaves no read open after a get: another connection can drop the table', async () => {
    const knex = database.connect()
    const other = database.connect()
    const tableName = uniqueTableName('drop')
    await migrateSessions(knex, { tableName })
    const store = createSqlStore({ knex, tableName })
    const id = newId()
    await store.create(id, newRecord())
    await expect(store.get(id, HOUR)).resolves.not.toBeNull()
    await expect(other.schema.dropTable(tableName)).resolves.toBeDefined()
  })

  it('reads on a connection of its own while a transaction holds the pooled one', async () => {
    const knex = database.connect()
    const tableName = uniqueTableName('read')
    await migrateSessions(knex, { tableName })
    const store = createSqlStore({ knex, tableName })
    const id = newId()
    await store.create(id, newRecord({ data: { views: 1 } }))
    const trx = await knex.transaction()
    try {
      await trx(tableName).where('id', id).update({ data: '{"views":2}' })
      // The pool's one connection is in the transaction; the read neither waits for it nor
      // sees its uncommitted write.
      expect((await store.get(id, HOUR))?.data).toEqual({ views: 1 })
    } finally {
      await trx.commit()
    }
    expect((await store.get(id, HOUR))?.data).toEqual({ views: 2 })
  })

  it('reads beside a writer on another connection, on a Knex without WAL or a pool hook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-prep-'))
    const config = { client: 'sqlite3', connection: { filename: join(dir, 's.sqlite') } }
    const knex = Knex({ ...config, useNullAsDefault: true })
    // The writer waits for locks (it would fail at once otherwise); the journal stays a rollback
    // journal, so each of its commits locks readers out for a moment.
    const other = Knex({
      ...config,
      useNullAsDefault: true,
      pool: {
        afterCreate(connection: Database, done: (error: Error | null) => void) {
          connection.exec('PRAGMA busy_timeout = 5000', done)
        },
      },
    })
    try {
      const tableName = uniqueTableName('busy')
      await migrateSessions(knex, { tableName })
      const store = createSqlStore({ knex, tableName })
      const ids = Array.from({ length: 30 }, newId)
      await Promise.all(ids.map((id) => store.create(id, newRecord({ data: { views: 0 } }))))
      // The writer commits big transactions (each commit locks readers out while it writes and
      // syncs the file) while the store reads all along.
      let writing = true
      const writes = (async () => {
        for (let round = 0; round < 15; round++) {
          await other.transaction(async (trx) => {
            const rows = Array.from({ length: 300 }, () => toRow(newId(), newRecord()))
            await trx.batchInsert(tableName, rows, 100)
          })
        }
        writing = false
      })()
      let reads = 0
      while (writing) {
        await Promise.all(ids.map((id) => store.get(id, HOUR)))
        reads += ids.length
      }
      await writes
      expect(reads).toBeGreaterThan(0)
      expect((await store.get(ids[0]!, HOUR))?.data).toEqual({ views: 0 })
    } finally {
      await Promise.all([knex.destroy(), other.destroy()])
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('works on an in-memory database, where a second connection would see nothing', async () => {
    const knex = Knex({
      client: 'sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    })
    try {
      const tableName = uniqueTableName('mem')
      await migrateSessions(knex, { tableName })
      const store = createSqlStore({ knex, tableName })
      const id = newId()
      await store.create(id, newRecord({ data: { views: 3 } }))
      expect((await store.get(id, HOUR))?.data).toEqual({ views: 3 })
    } finally {
      await knex.destroy()
    }
  })

  it('closes every connection it used on knex.destroy()', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-prep-'))
    const file = join(dir, 'sessions.sqlite')
    const knex = Knex(sqliteKnexConfig(file))
    try {
      const tableName = uniqueTableName('close')
      await migrateSessions(knex, { tableName })
      const store = createSqlStore({ knex, tableName })
      const id = newId()
      await store.create(id, newRecord())
      await expect(store.get(id, HOUR)).resolves.not.toBeNull()
      const connection = (await knex.client.acquireConnection()) as Database
      await knex.client.releaseConnection(connection)
      const closed = new Promise<Error | null>((resolve) => {
        const close = connection.close.bind(connection)
        connection.close = (callback) =>
          close((error) => {
            resolve(error)
            callback?.(error)
          })
      })
      expect(existsSync(`${file}-wal`)).toBe(true)
      await knex.destroy()
      await expect(closed).resolves.toBeNull()
      // sqlite deletes the WAL file when the last connection to the database closes.
      await waitFor(() => !existsSync(`${file}-wal`))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !condition(); i++) await new Promise((r) => setTimeout(r, 20))
  expect(condition()).toBe(true)
}
