import knexFactory from 'knex'
import { ConfigError, loadConfig } from './config'
import { knexConfigFor, migrateAll } from './open-store'

/** `npm run migrate`: apply the session and app migrations to `DATABASE_URL`. */
async function migrate(): Promise<void> {
  const config = loadConfig()
  const knex = knexFactory(knexConfigFor(config.databaseUrl))
  try {
    await migrateAll(knex)
    console.log(`migrations applied to ${config.databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}`)
  } finally {
    await knex.destroy()
  }
}

migrate().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Invalid configuration: ${error.message}` : error)
  process.exit(1)
})
