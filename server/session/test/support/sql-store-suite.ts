import { randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import { SessionRecordCorruptError } from '../../src/errors'
import type { SqlDialect } from '../../src/stores/sql/dialect'
import { migrateSessions, rollbackSessions } from '../../src/stores/sql/migrations'
import { toRow } from '../../src/stores/sql/session-row'
import { createSqlStore } from '../../src/stores/sql/sql-store'
import type { SessionCommit } from '../../src/types'
import {
  dropSessionTables,
  indexNames,
  openTestDatabase,
  sqlHarness,
  uniqueTableName,
  type TestDatabase,
} from './sql'
import { AWKWARD_DATA, describeStoreContract, newRecord } from './store-contract'

const HOUR = 3_600_000
const newId = (): string => randomBytes(32).toString('base64url')
const setAt = (path: string[], value: number): SessionCommit => ({
  operations: [{ op: 'set', path, value }],
  lastSeenAt: Date.now(),
  idleExpiresAt: Date.now() + HOUR,
  maxDataBytes: 65_536,
})

/** The contract suite plus the SQL-specific tests, against one dialect's test database. */
export function describeSqlStore(dialect: SqlDialect): void {
  describeStoreContract(`sql:${dialect}`, () => sqlHarness(dialect))

  describe(`createSqlStore on ${dialect}`, () => {
    let database: TestDatabase
    let knex: Knex
    const tables: string[] = []
    beforeAll(() => {
      database = openTestDatabase(dialect)
      knex = database.connect()
    })
    afterAll(async () => {
      for (const table of tables) await dropSessionTables(knex, table)
      await database.close()
    })
    async function migratedTable(purpose: string): Promise<string> {
      const tableName = uniqueTableName(purpose)
      tables.push(tableName)
      await migrateSessions(knex, { tableName })
      return tableName
    }

    it('migrates the sessions table up (twice is a no-op) and down', async () => {
      const tableName = await migratedTable('migrate')
      await migrateSessions(knex, { tableName })
      expect(await knex.schema.hasTable(tableName)).toBe(true)
      expect(await knex.schema.hasTable(`${tableName}_migrations`)).toBe(true)
      expect(await indexNames(knex, dialect, tableName)).toEqual(
        expect.arrayContaining(['idle', 'absolute', 'user'].map((i) => `${tableName}_${i}_idx`)),
      )
      const columns = await knex(tableName).columnInfo()
      expect(columns.data?.type).toBe(dialect === 'mysql' ? 'mediumtext' : 'text')
      expect(columns.user_id?.nullable).toBe(true)

      await rollbackSessions(knex, { tableName })
      expect(await knex.schema.hasTable(tableName)).toBe(false)
      expect(await indexNames(knex, dialect, tableName)).toEqual([])
    })

    it(`reports itself as sql:${dialect}`, async () => {
      const store = createSqlStore({ knex, tableName: await migratedTable('kind') })
      expect(store.kind).toBe(`sql:${dialect}`)
    })

    it('keeps the data as the exact JSON text it was given', async () => {
      const tableName = await migratedTable('exact')
      const store = createSqlStore({ knex, tableName })
      const id = newId()
      await store.create(id, newRecord({ data: AWKWARD_DATA }))
      const row: { data: string } = await knex(tableName).first('data').where({ id })
      expect(row.data).toBe(JSON.stringify(AWKWARD_DATA))
    })

    it('tells apart ids and user ids that differ only in case', async () => {
      const store = createSqlStore({ knex, tableName: await migratedTable('case') })
      const lower = `a${newId().slice(1).toLowerCase()}`
      const upper = lower.toUpperCase()
      await expect(store.create(lower, newRecord({ userId: 'alice' }))).resolves.toBe(true)
      await expect(store.create(upper, newRecord({ userId: 'ALICE' }))).resolves.toBe(true)
      expect((await store.listByUser('alice')).map((s) => s.id)).toEqual([lower])
      expect((await store.get(upper, HOUR))?.userId).toBe('ALICE')
    })

    it('leaves undecodable rows out of listByUser and refuses to commit to them', async () => {
      const tableName = await migratedTable('corrupt')
      const store = createSqlStore({ knex, tableName })
      const [good, bad] = [newId(), newId()]
      await store.create(good, newRecord({ userId: 'u-corrupt' }))
      await store.create(bad, newRecord({ userId: 'u-corrupt' }))
      await knex(tableName).where({ id: bad }).update({ data: '[1, 2]' })
      expect((await store.listByUser('u-corrupt')).map((s) => s.id)).toEqual([good])
      await expect(store.commit(bad, setAt(['a'], 1))).rejects.toBeInstanceOf(
        SessionRecordCorruptError,
      )
      expect(await knex(tableName).first('data', 'version').where({ id: bad })).toEqual({
        data: '[1, 2]',
        version: 1,
      })
    })

    it('prunes only the expired rows, in batches', async () => {
      const tableName = await migratedTable('prune')
      const now = 1_700_000_000_000
      const store = createSqlStore({ knex, tableName, now: () => now })
      // Half idle-expired, half absolute-expired; index 0 expires exactly now.
      const expired = Array.from({ length: 2_500 }, (_, i) =>
        toRow(
          `expired-${i}`,
          newRecord(
            i % 2
              ? { idleExpiresAt: now - i, absoluteExpiresAt: now + HOUR }
              : { idleExpiresAt: now + HOUR, absoluteExpiresAt: now - i },
          ),
        ),
      )
      const live = Array.from({ length: 10 }, (_, i) =>
        toRow(`live-${i}`, newRecord({ idleExpiresAt: now + 1, absoluteExpiresAt: now + HOUR })),
      )
      await knex.batchInsert(tableName, [...expired, ...live], 100)
      const deletes: string[] = []
      const onQuery = (query: { sql: string }): void => {
        if (/^delete/i.test(query.sql)) deletes.push(query.sql)
      }
      knex.on('query', onQuery)
      try {
        await expect(store.prune({ batchSize: 1_000 })).resolves.toBe(2_500)
      } finally {
        knex.off('query', onQuery)
      }
      expect(deletes).toHaveLength(3)
      const left: Array<{ id: string }> = await knex(tableName).select('id').orderBy('id')
      expect(left.map((row) => row.id)).toEqual(live.map((row) => row.id))
      await expect(store.prune()).resolves.toBe(0)
    })

    it('lets only one prune run at a time', async () => {
      const tableName = await migratedTable('lock')
      const rows = Array.from({ length: 20 }, (_, i) =>
        toRow(`expired-${i}`, newRecord({ idleExpiresAt: Date.now() - 1_000 })),
      )
      await knex.batchInsert(tableName, rows, 100)
      if (dialect === 'sqlite') {
        const store = createSqlStore({ knex, tableName })
        expect((await Promise.all([store.prune(), store.prune()])).sort()).toEqual([0, 20])
        return
      }
      // Two processes: two Knex instances. The rows are locked elsewhere, so the prune that
      // takes the lock blocks in its DELETE while the other one tries.
      const [first, second] = [database.connect(), database.connect()].map((other) =>
        createSqlStore({ knex: other, tableName }),
      )
      const blocker = await knex.transaction()
      try {
        await blocker(tableName).select('id').forUpdate()
        const prunes = [first!.prune(), second!.prune()]
        await expect(Promise.race(prunes)).resolves.toBe(0)
        await blocker.commit()
        expect((await Promise.all(prunes)).sort((a, b) => a - b)).toEqual([0, 20])
      } finally {
        if (!blocker.isCompleted()) await blocker.rollback()
      }
    })

    it('keeps every change of concurrent commits from two Knex instances', async () => {
      const tableName = await migratedTable('commits')
      const stores = [database.connect(), database.connect()].map((other) =>
        createSqlStore({ knex: other, tableName }),
      )
      const id = newId()
      await stores[0]!.create(id, newRecord({ data: { items: {} } }))
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          stores[i % 2]!.commit(id, setAt(['items', `k${i}`], i)),
        ),
      )
      const versions = results.map((r) => (r.status === 'applied' ? r.version : 0))
      expect(versions.sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 2))
      const items = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]))
      expect((await stores[1]!.get(id, HOUR))?.data).toEqual({ items })
    })
  })
}
