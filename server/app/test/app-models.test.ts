import { randomBytes } from 'node:crypto'
import Knex, { type Knex as KnexInstance } from 'knex'
import {
  APP_MIGRATIONS_TABLE,
  appMigrationConfig,
  migrateApp,
  rollbackApp,
} from '../src/migrations'
import { bindModels, toPublicNote, upsertUser, type Models } from '../src/models'
import { describeWith, SERVICES } from '../../session/test/support/services'
import { openTestDatabase } from '../../session/test/support/sql'

/** A Knex instance on a schema (PostgreSQL) or database (MariaDB) of its own, dropped after. */
async function isolated(
  dialect: 'pg' | 'mysql',
): Promise<{ knex: KnexInstance; drop(): Promise<void> }> {
  const name = `hs_app_${randomBytes(5).toString('hex')}`
  if (dialect === 'pg') {
    const admin = Knex({ client: 'pg', connection: SERVICES.postgres.url })
    await admin.raw(`create schema ${name}`)
    const knex = Knex({ client: 'pg', connection: SERVICES.postgres.url, searchPath: [name] })
    return {
      knex,
      async drop() {
        await knex.destroy()
        await admin.raw(`drop schema ${name} cascade`)
        await admin.destroy()
      },
    }
  }
  const admin = Knex({ client: 'mysql2', connection: SERVICES.mysql.url })
  await admin.raw(`create database ${name}`)
  const url = new URL(SERVICES.mysql.url)
  url.pathname = `/${name}`
  const knex = Knex({ client: 'mysql2', connection: url.toString() })
  return {
    knex,
    async drop() {
      await knex.destroy()
      await admin.raw(`drop database ${name}`)
      await admin.destroy()
    },
  }
}

function describeModels(
  name: string,
  open: () => Promise<{ knex: KnexInstance; drop(): Promise<void> }>,
) {
  describe(`users and notes on ${name}`, () => {
    let knex: KnexInstance
    let drop: () => Promise<void>
    let models: Models
    beforeAll(async () => {
      ;({ knex, drop } = await open())
      await migrateApp(knex)
      await migrateApp(knex) // a second run is a no-op
      models = bindModels(knex)
    })
    afterAll(async () => drop())

    it('upserts a user by openid, once even when logins race, case-sensitively', async () => {
      const identity = { openid: 'oAbC-race', unionid: null }
      const users = await Promise.all(
        [1, 2, 3, 4, 5].map((i) => upsertUser(models.User, identity, 1_000 + i)),
      )
      expect(new Set(users.map((u) => u.id)).size).toBe(1)
      const other = await upsertUser(models.User, { openid: 'oabc-race', unionid: 'u1' }, 2_000)
      expect(other.id).not.toBe(users[0]?.id)
      const row = await models.User.query().findById(other.id)
      expect(Number(row?.created_at)).toBe(2_000)
      expect(row?.unionid).toBe('u1')
    })

    it('stores notes byte-exact with their owner and times', async () => {
      const user = await upsertUser(models.User, { openid: 'o-notes', unionid: null }, 3_000)
      const text = 'emoji 😀, CJK 笔记, quotes "\'`'
      const note = await models.Note.query().insert({
        user_id: user.id,
        text,
        created_at: 4_000,
        updated_at: 4_000,
      })
      const [read] = await models.Note.query().where({ user_id: user.id })
      expect(read && toPublicNote(read)).toEqual({
        id: note.id,
        text,
        createdAt: new Date(4_000).toISOString(),
        updatedAt: new Date(4_000).toISOString(),
      })
    })

    it('keeps a user’s phone number, and its migration undoes alone without losing notes', async () => {
      const user = await upsertUser(models.User, { openid: 'o-phone', unionid: null }, 5_000)
      await models.Note.query().insert({
        user_id: user.id,
        text: 'kept',
        created_at: 5_000,
        updated_at: 5_000,
      })
      expect(user.phone ?? null).toBeNull()
      await models.User.query()
        .patch({ phone: '13800138000', phone_country_code: '86' })
        .where({ id: user.id })
      const read = await models.User.query().findById(user.id)
      expect([read?.phone, read?.phone_country_code]).toEqual(['13800138000', '86'])

      const [, undone] = (await knex.migrate.down(appMigrationConfig())) as [number, string[]]
      expect(undone).toEqual(['20250601000004_add_users_phone'])
      expect(await knex.schema.hasColumn('users', 'phone')).toBe(false)
      expect(await knex.schema.hasColumn('users', 'phone_country_code')).toBe(false)
      expect(await models.Note.query().where({ user_id: user.id })).toHaveLength(1)
      await migrateApp(knex)
      expect(await knex.schema.hasColumn('users', 'phone')).toBe(true)
      expect((await models.User.query().findById(user.id))?.phone).toBeNull()
    })

    it('rolls back to nothing', async () => {
      await rollbackApp(knex)
      expect(await knex.schema.hasTable('users')).toBe(false)
      expect(await knex.schema.hasTable('notes')).toBe(false)
      expect(await knex.schema.hasTable(APP_MIGRATIONS_TABLE)).toBe(true)
    })
  })
}

describeModels('sqlite', async () => {
  const database = openTestDatabase('sqlite')
  return { knex: database.connect(), drop: () => database.close() }
})
describeWith('postgres')('PostgreSQL', () => describeModels('PostgreSQL', () => isolated('pg')))
describeWith('mysql')('MariaDB', () => describeModels('MariaDB', () => isolated('mysql')))
