import type { Knex } from 'knex'
import { createRateLimitTable, RATE_LIMIT_TABLE } from '../limits/sql-limit-store'
import { mysqlTable } from '../db/mysql-table'
import { databaseEngine } from '../db/database-engine'
import { createWechatTokenTable, WECHAT_TOKEN_TABLE } from '../wechat/sql-access-token-store'

/** One migration of the reference app's own tables. */
export interface AppMigration {
  readonly name: string
  up(knex: Knex): Promise<void>
  down(knex: Knex): Promise<void>
}

/** The migrations, in order. They live in code so that they ship inside the compiled package. */
export const APP_MIGRATIONS: readonly AppMigration[] = Object.freeze([
  {
    name: '20250601000000_create_users',
    async up(knex: Knex) {
      await knex.schema.createTable('users', (table) => {
        mysqlTable(knex, table)
        table.string('id', 36).primary()
        table.string('openid', 128).notNullable().unique('users_openid_unique')
        table.string('unionid', 128).nullable()
        // Epoch milliseconds, like the sessions table: no time zone or driver surprises.
        table.bigInteger('created_at').notNullable()
        table.bigInteger('last_login_at').notNullable()
      })
    },
    async down(knex: Knex) {
      await knex.schema.dropTableIfExists('users')
    },
  },
  {
    name: '20250601000001_create_notes',
    async up(knex: Knex) {
      await knex.schema.createTable('notes', (table) => {
        mysqlTable(knex, table)
        table.increments('id').primary()
        table
          .string('user_id', 36)
          .notNullable()
          .references('id')
          .inTable('users')
          .onDelete('CASCADE')
        table.text('text').notNullable()
        table.bigInteger('created_at').notNullable()
        table.bigInteger('updated_at').notNullable()
        table.index(['user_id', 'id'], 'notes_user_idx')
      })
    },
    async down(knex: Knex) {
      await knex.schema.dropTableIfExists('notes')
    },
  },
  {
    // The rate limits' counts (rate-limiter-flexible). sqlite keeps them in a file of its own
    // (`openSqliteLimitStore`), so its database gets no such table.
    name: '20250601000002_create_rate_limits',
    async up(knex: Knex) {
      if (databaseEngine(knex) !== 'sqlite') await createRateLimitTable(knex, RATE_LIMIT_TABLE)
    },
    async down(knex: Knex) {
      await knex.schema.dropTableIfExists(RATE_LIMIT_TABLE)
    },
  },
  {
    // WeChat's access_token shared by the app's processes, its refresh lock and the forced
    // refreshes of the day (`createSqlAccessTokenStore`), on every engine, sqlite included.
    name: '20250601000003_create_wechat_token_state',
    async up(knex: Knex) {
      await createWechatTokenTable(knex, WECHAT_TOKEN_TABLE)
    },
    async down(knex: Knex) {
      await knex.schema.dropTableIfExists(WECHAT_TOKEN_TABLE)
    },
  },
  {
    // The number `POST /api/me/phone` gets from WeChat: `purePhoneNumber` and its country code
    // (E.164 numbers have 15 digits at most, country code included; 20 leaves room).
    name: '20250601000004_add_users_phone',
    async up(knex: Knex) {
      await knex.schema.alterTable('users', (table) => {
        table.string('phone', 20).nullable()
        table.string('phone_country_code', 4).nullable()
      })
    },
    async down(knex: Knex) {
      if (databaseEngine(knex) === 'sqlite') {
        // Knex drops a sqlite column by copying the table into a new one and dropping the old,
        // which deletes every note through their ON DELETE CASCADE; sqlite's own DROP COLUMN
        // (3.35) keeps the rows.
        await knex.raw('alter table users drop column phone_country_code')
        await knex.raw('alter table users drop column phone')
        return
      }
      await knex.schema.alterTable('users', (table) => {
        table.dropColumn('phone_country_code')
        table.dropColumn('phone')
      })
    },
  },
])
