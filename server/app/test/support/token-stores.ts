import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Redis from 'ioredis'
import Knex, { type Knex as KnexInstance } from 'knex'
import { REDIS_CLIENT_OPTIONS } from '@header-session/koa/redis'
import { sqliteKnexConfig } from '@header-session/koa/sql'
import type { AccessTokenStore } from '../../src/wechat/access-token-store'
import { createRedisAccessTokenStore } from '../../src/wechat/redis-access-token-store'
import {
  createSqlAccessTokenStore,
  createWechatTokenTable,
} from '../../src/wechat/sql-access-token-store'
import { SERVICES, type ServiceName } from '../../../session/test/support/services'
import { uniqueTableName } from '../../../session/test/support/sql'

/**
 * `processes` stores on one back end, each on a connection of its own, as separate processes
 * of the app would have.
 */
export interface TokenStores {
  stores: AccessTokenStore[]
  close(): Promise<void>
}

/** A kind of access_token store, and the service its tests need (none for sqlite). */
export interface TokenStoreKind {
  name: string
  service: ServiceName | null
  open(appId: string, processes: number): Promise<TokenStores>
}

async function redisStores(appId: string, processes: number): Promise<TokenStores> {
  const keyPrefix = `hs-test:wechat:${randomBytes(5).toString('hex')}`
  const clients = Array.from(
    { length: processes },
    () => new Redis(SERVICES.redis.url, REDIS_CLIENT_OPTIONS),
  )
  await Promise.all(
    clients.map((client) => new Promise((resolve) => client.once('ready', resolve))),
  )
  return {
    stores: clients.map((client) => createRedisAccessTokenStore({ client, appId, keyPrefix })),
    async close() {
      const [first] = clients
      const keys = first ? await first.keys(`${keyPrefix}:*`) : []
      if (first && keys.length > 0) await first.del(...keys)
      await Promise.all(clients.map((client) => client.quit()))
    },
  }
}

async function sqlStores(
  config: () => KnexInstance.Config,
  appId: string,
  processes: number,
  cleanup: () => void = () => {},
): Promise<TokenStores> {
  const tableName = uniqueTableName('wxtok')
  const knexes = Array.from({ length: processes }, () => Knex(config()))
  const [first] = knexes
  if (!first) throw new Error('at least one process')
  await createWechatTokenTable(first, tableName)
  return {
    stores: knexes.map((knex) => createSqlAccessTokenStore({ knex, appId, tableName })),
    async close() {
      await first.schema.dropTableIfExists(tableName)
      await Promise.all(knexes.map((knex) => knex.destroy()))
      cleanup()
    },
  }
}

/** Every store kind: Redis, sqlite (a file, WAL), PostgreSQL, MariaDB. */
export const TOKEN_STORE_KINDS: readonly TokenStoreKind[] = [
  { name: 'Redis', service: 'redis', open: redisStores },
  {
    name: 'sqlite',
    service: null,
    open(appId, processes) {
      const dir = mkdtempSync(join(tmpdir(), 'hs-wxtok-'))
      const file = join(dir, 'app.sqlite')
      return sqlStores(
        () => sqliteKnexConfig(file),
        appId,
        processes,
        () => rmSync(dir, { recursive: true, force: true }),
      )
    },
  },
  {
    name: 'PostgreSQL',
    service: 'postgres',
    open: (appId, processes) =>
      sqlStores(
        () => ({ client: 'pg', connection: SERVICES.postgres.url, pool: { min: 0, max: 2 } }),
        appId,
        processes,
      ),
  },
  {
    name: 'MariaDB',
    service: 'mysql',
    open: (appId, processes) =>
      sqlStores(
        () => ({ client: 'mysql2', connection: SERVICES.mysql.url, pool: { min: 0, max: 2 } }),
        appId,
        processes,
      ),
  },
]
