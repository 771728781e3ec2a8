import type { Knex } from 'knex'
import {
  createSqlStore,
  DEFAULT_SQL_STORE_OPTIONS,
  migrateSessions,
  startPruning,
  type SqlSessionStore,
} from '../src/stores/sql'
import { SessionOptionsError } from '../src/errors'
import {
  dropSessionTables,
  openTestDatabase,
  uniqueTableName,
  type TestDatabase,
} from './support/sql'
import { describeSqlStore } from './support/sql-store-suite'
import { newRecord } from './support/store-contract'

describeSqlStore('sqlite')

describe('createSqlStore options', () => {
  let database: TestDatabase
  let knex: Knex
  beforeAll(() => {
    database = openTestDatabase('sqlite')
    knex = database.connect()
  })
  afterAll(() => database.close())

  it('has documented defaults', () => {
    expect(DEFAULT_SQL_STORE_OPTIONS).toEqual({
      tableName: 'header_sessions',
      pruneBatchSize: 1000,
    })
    expect(Object.isFrozen(DEFAULT_SQL_STORE_OPTIONS)).toBe(true)
    const store = createSqlStore({ knex })
    expect(store.tableName).toBe('header_sessions')
    expect(store.kind).toBe('sql:sqlite')
  })

  it('runs the sqlite connection with WAL, a busy timeout and foreign keys', async () => {
    const pragma = async (name: string): Promise<unknown> =>
      Object.values(((await knex.raw(`PRAGMA ${name}`)) as Array<Record<string, unknown>>)[0]!)[0]
    expect(await pragma('journal_mode')).toBe('wal')
    expect(await pragma('busy_timeout')).toBe(5000)
    expect(await pragma('foreign_keys')).toBe(1)
  })

  it.each([
    ['knex', { knex: undefined }, 'Invalid option knex: undefined'],
    ['knex', { knex: {} }, 'Invalid option knex: {}'],
    [
      'knex',
      { knex: Object.assign(() => {}, { client: { config: { client: 'mssql' } } }) },
      '"mssql"',
    ],
    ['tableName', { tableName: 'bad-name' }, 'Invalid option tableName: "bad-name"'],
    ['tableName', { tableName: '1st' }, 'Invalid option tableName: "1st"'],
    ['tableName', { tableName: 't'.repeat(41) }, 'Invalid option tableName'],
    ['tableName', { tableName: '' }, 'Invalid option tableName: ""'],
    ['pruneBatchSize', { pruneBatchSize: 0 }, 'Invalid option pruneBatchSize: 0'],
    ['pruneBatchSize', { pruneBatchSize: 1.5 }, 'Invalid option pruneBatchSize: 1.5'],
    ['pruneBatchSize', { pruneBatchSize: '10' }, 'Invalid option pruneBatchSize: "10"'],
    ['now', { now: 42 }, 'Invalid option now: 42'],
  ])('rejects a bad %s', (option, bad, message) => {
    const attempt = (): SqlSessionStore => createSqlStore({ knex, ...(bad as object) } as never)
    expect(attempt).toThrow(SessionOptionsError)
    expect(attempt).toThrow(message)
    try {
      attempt()
    } catch (error) {
      expect((error as SessionOptionsError).option).toBe(option)
    }
  })

  it('rejects a bad batch size or table name when asked to prune or migrate', async () => {
    await expect(createSqlStore({ knex }).prune({ batchSize: 0 })).rejects.toThrow(
      'Invalid option batchSize: 0',
    )
    await expect(migrateSessions(knex, { tableName: 'x; drop table y' })).rejects.toThrow(
      SessionOptionsError,
    )
  })
})

describe('startPruning', () => {
  let database: TestDatabase
  let knex: Knex
  let tableName: string
  beforeAll(async () => {
    database = openTestDatabase('sqlite')
    knex = database.connect()
    tableName = uniqueTableName('pruning')
    await migrateSessions(knex, { tableName })
  })
  afterAll(async () => {
    await dropSessionTables(knex, tableName)
    await database.close()
  })
  const timers = (): number =>
    process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
  const until = async (condition: () => Promise<boolean>): Promise<void> => {
    while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5))
  }

  it('prunes on an unref’d interval until stopped', async () => {
    const store = createSqlStore({ knex, tableName })
    let prunes = 0
    const counted = {
      prune: () => {
        prunes += 1
        return store.prune()
      },
    }
    const before = timers()
    const pruning = startPruning(counted, { intervalMs: 10 })
    expect(timers()).toBe(before)

    await store.create('expired', newRecord({ idleExpiresAt: Date.now() - 1 }))
    await until(async () => (await store.get('expired', 0)) === null)
    await pruning.stop()
    const stoppedAt = prunes
    await store.create('expired-later', newRecord({ idleExpiresAt: Date.now() - 1 }))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(prunes).toBe(stoppedAt)
    expect(await store.get('expired-later', 0)).not.toBeNull()
  })

  it('reports a failed prune and keeps going', async () => {
    const errors: unknown[] = []
    let calls = 0
    const failing = {
      prune: async (): Promise<number> => {
        calls += 1
        throw new Error('down')
      },
    }
    const pruning = startPruning(failing, { intervalMs: 5, onError: (e) => errors.push(e) })
    await until(async () => calls >= 2)
    await pruning.stop()
    expect(errors.length).toBeGreaterThanOrEqual(1)
    expect((errors[0] as Error).message).toBe('down')
  })

  it('rejects a bad interval or batch size', () => {
    const store = createSqlStore({ knex, tableName })
    expect(() => startPruning(store, { intervalMs: 0 })).toThrow('Invalid option intervalMs: 0')
    expect(() => startPruning(store, { intervalMs: 2 ** 31 })).toThrow('intervalMs')
    expect(() => startPruning(store, { intervalMs: 1000, batchSize: -1 })).toThrow('batchSize')
  })
})
