import * as fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import knexFactory from 'knex'
import { createMemoryStore, type SessionStore } from '@header-session/koa'
import { sqliteKnexConfig } from '@header-session/koa/sql'
import { createWechatStandIn, type WechatStandIn } from '@header-session/testing'
import { type AppRoutes, createApp, migrateApp } from '../../../server/app/src/index'

/** The project's reference server (server/app/src/app.ts), listening on a free loopback port. */
export interface RealServer {
  readonly url: string
  /** Issues `wx.login` codes, as WeChat would. */
  readonly standIn: WechatStandIn
  /** Added to the session clock: move it past `IDLE_TIMEOUT_MS` to expire sessions. */
  readonly clock: { offsetMs: number }
  close(): Promise<void>
}

/** Idle timeout of the sessions of {@link startRealServer}. */
export const IDLE_TIMEOUT_MS = 60_000

/** Options of {@link startRealServer}. */
export interface RealServerOptions {
  /** Wraps the memory session store, to hold or break its calls (`controllableStore`). */
  readonly wrapStore?: (store: SessionStore) => SessionStore
  /** Routes of the test only, on the app's `/api` router (`createApp({ routes })`). */
  readonly routes?: AppRoutes
}

/** Starts the reference app on a memory session store and a temp sqlite database. */
export async function startRealServer(options: RealServerOptions = {}): Promise<RealServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-sdk-int-'))
  const knex = knexFactory(sqliteKnexConfig(path.join(dir, 'app.sqlite')))
  await migrateApp(knex)
  const clock = { offsetMs: 0 }
  const now = () => Date.now() + clock.offsetMs
  const standIn = createWechatStandIn()
  const memory = createMemoryStore({ now })
  const app = createApp({
    store: options.wrapStore ? options.wrapStore(memory) : memory,
    knex,
    wechatStandIn: standIn,
    session: { now, idleTimeoutMs: IDLE_TIMEOUT_MS },
    routes: options.routes,
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    standIn,
    clock,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await knex.destroy()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
