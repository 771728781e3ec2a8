import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import knexFactory from 'knex'
import { createSqlStore, sqliteKnexConfig } from '@header-session/koa/sql'
import { createWechatStandIn } from '@header-session/testing'
import { createApp, migrateAll } from '../../../server/app/src/index'
import { DEMO_API_URL } from './server-url'

/**
 * Starts the reference server once for all page tests, in Jest's own process (plain Node: Koa
 * needs Node's web globals, which the jsdom environment of the tests lacks): port 0, a temp
 * sqlite database for sessions, users and notes, and the dev WeChat stand-in, as `npm start`
 * runs it. Workers read its URL from `DEMO_API_URL`.
 */
export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-miniprogram-demo-'))
  const knex = knexFactory(sqliteKnexConfig(path.join(dir, 'demo.sqlite')))
  await migrateAll(knex)
  const app = createApp({
    store: createSqlStore({ knex }),
    knex,
    wechatStandIn: createWechatStandIn(),
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as { port: number }
  process.env[DEMO_API_URL] = `http://127.0.0.1:${port}`
  const close = async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await knex.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  Object.assign(globalThis, { __miniprogramDemoServer: { close } })
}
