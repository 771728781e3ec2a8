import knexFactory from 'knex'
import { ConfigError, loadConfig } from './config'
import { knexConfigFor } from './open-store'
import { DEFAULT_SQL_STORE_OPTIONS, migrateSessions } from './session/stores/sql'

/** `npm run migrate`: apply the session migrations to `DATABASE_URL`. */
async function migrate(): Promise<void> {
  const config = loadConfig()
  const knex = knexFactory(knexConfigFor(config.databaseUrl))
  try {
    await migrateSessions(knex, { tableName: DEFAULT_SQL_STORE_OPTIONS.tableName })
    console.log(`migrations applied to ${config.databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}`)
  } finally {
    await knex.destroy()
  }
}

migrate().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Invalid configuration: ${error.message}` : error)
  process.exit(1)
})
