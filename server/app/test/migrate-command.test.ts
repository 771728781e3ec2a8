import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import knexFactory from 'knex'
import { knexConfigFor } from '../src/open-store'

/** The compiled `npm run migrate` (jest runs after `tsc -b`, as `npm test` does). */
const MIGRATE = join(__dirname, '../dist/migrate.js')

describe('npm run migrate (dist/migrate.js)', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hs-migrate-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('migrates DATABASE_URL with no WeChat or session setting in the environment', async () => {
    const databaseUrl = `sqlite:${join(dir, 'app.sqlite')}`
    // Only what a shell has, and no NODE_ENV: the server itself would refuse to start so.
    const env = { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl }
    const { stdout } = await promisify(execFile)(process.execPath, [MIGRATE], { env })
    expect(stdout).toContain('migrations applied to sqlite:')
    const knex = knexFactory(knexConfigFor(databaseUrl))
    try {
      for (const table of ['header_sessions', 'users', 'notes']) {
        expect(await knex.schema.hasTable(table)).toBe(true)
      }
    } finally {
      await knex.destroy()
    }
  })

  it('names a bad DATABASE_URL and exits 1', async () => {
    const env = { PATH: process.env.PATH ?? '', DATABASE_URL: 'redis://127.0.0.1' }
    const run = promisify(execFile)(process.execPath, [MIGRATE], { env })
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('DATABASE_URL'),
    })
  })
})
