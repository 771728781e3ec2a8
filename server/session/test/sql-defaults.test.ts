import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Knex, { type Knex as KnexInstance } from 'knex'
import { SessionOptionsError } from '../src/errors'
import {
  createSqlStore,
  migrateSessions,
  rollbackSessions,
  sqliteKnexConfig,
} from '../src/stores/sql'
import { newRecord } from './support/store-contract'

/** The defaults the README's SQL quick start relies on, on sqlite files of their own. */
describe('the SQL defaults', () => {
  let dir: string
  const opened: KnexInstance[] = []
  const open = (file: string) => {
    const knex = Knex(sqliteKnexConfig(file))
    opened.push(knex)
    return knex
  }
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hs-sql-defaults-'))
  })
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((knex) => knex.destroy()))
    rmSync(dir, { recursive: true, force: true })
  })

  it('sqliteKnexConfig creates the folder of a file in a fresh folder', async () => {
    const knex = open(join(dir, 'data', 'nested', 'sessions.sqlite'))
    await migrateSessions(knex)
    expect(await knex.schema.hasTable('header_sessions')).toBe(true)
  })

  it('sqliteKnexConfig names the file when its folder cannot be created', () => {
    writeFileSync(join(dir, 'a-file'), '')
    const file = join(dir, 'a-file', 'sessions.sqlite')
    expect(() => sqliteKnexConfig(file)).toThrow(SessionOptionsError)
    // The folder in full (the value itself is cut short), and the system's reason.
    const folder = join(dir, 'a-file').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    expect(() => sqliteKnexConfig(file)).toThrow(
      new RegExp(`^Invalid option filename: .*creating ${folder} failed: (EEXIST|ENOTDIR)\\)$`),
    )
  })

  it('sqliteKnexConfig leaves in-memory databases alone', async () => {
    const knex = open(':memory:')
    expect(await knex.raw('select 1 as one')).toEqual([{ one: 1 }])
  })

  it.each([
    ['without options', undefined],
    ['with {}', {}],
  ])('migrateSessions %s creates the table createSqlStore uses by default', async (_, options) => {
    const knex = open(join(dir, 'sessions.sqlite'))
    await migrateSessions(knex, options)
    await migrateSessions(knex, options) // again, as at every start: nothing to do
    const store = createSqlStore({ knex })
    expect(await store.create('A'.repeat(43), newRecord())).toBe(true)
    expect(await store.get('A'.repeat(43), 60_000)).toMatchObject({ version: 1 })
    await rollbackSessions(knex, options)
    expect(await knex.schema.hasTable('header_sessions')).toBe(false)
  })
})
