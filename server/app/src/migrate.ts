import knexFactory from 'knex'
import { ConfigError, loadDatabaseUrl } from './config'
import { knexConfigFor, migrateAll } from './open-store'

/**
 * `npm run migrate`: apply the session and app migrations to `DATABASE_URL`. It reads nothing
 * else: a release step can migrate without the server's WeChat or session settings.
 */
async function migrate(): Promise<void> {
  const databaseUrl = loadDatabaseUrl()
  const knex = knexFactory(knexConfigFor(databaseUrl))
  try {
    await migrateAll(knex)
    console.log(`migrations applied to ${databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}`)
  } finally {
    await knex.destroy()
  }
}

migrate().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Invalid configuration: ${error.message}` : error)
  process.exit(1)
})
