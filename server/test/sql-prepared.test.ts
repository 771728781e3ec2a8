import { randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import type { Database } from 'sqlite3'
import type { SqlDialect } from '../src/session/stores/sql/dialect'
import { migrateSessions } from '../src/session/stores/sql/migrations'
import { createSqlStore } from '../src/session/stores/sql/sql-store'
import type { SessionCommit, SessionRecord } from '../src/session/types'
import { describeWith } from './support/services'
import { openTestDatabase, uniqueTableName, type TestDatabase } from './support/sql'
import { newRecord } from './support/store-contract'

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

/** Count the statements Knex builds and sends while `work` runs. */
async function knexQueries(knex: Knex, work: () => Promise<unknown>): Promise<number> {
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
    let knex: Knex
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

  it('finalizes its statements so that knex.destroy() closes the connection', async () => {
    const knex = database.connect()
    const tableName = uniqueTableName('close')
    await migrateSessions(knex, { tableName })
    const store = createSqlStore({ knex, tableName })
    await store.get(newId(), HOUR)
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
    await knex.destroy()
    await expect(closed).resolves.toBeNull()
  })
})
