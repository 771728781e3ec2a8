import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Redis from 'ioredis'
import Knex from 'knex'
import { sqliteKnexConfig } from '@header-session/koa/sql'
import {
  createWechatStandIn,
  type ListeningStandIn,
  type WechatStandIn,
} from '@header-session/testing'
import {
  type AccessTokenProvider,
  type AccessTokenProviderOptions,
  type AccessTokenRefresh,
  createAccessTokenProvider,
  DEFAULT_ACCESS_TOKEN_OPTIONS,
} from '../src/wechat/access-token'
import { chinaDay } from '../src/wechat/access-token-store'
import { accessTokenStoreFor } from '../src/wechat/access-token-store-for'
import { WECHAT_TOKEN_TABLE } from '../src/wechat/sql-access-token-store'
import { migrateApp } from '../src/migrations'
import { callWechat } from '../src/wechat/wechat-request'
import { describeWith } from '../../session/test/support/services'
import { TOKEN_STORE_KINDS, type TokenStores } from './support/token-stores'

/** Processes sharing one store in the tests: each its own provider and connection. */
const PROCESSES = 10
/** Calls each process makes at once. */
const CALLS_PER_PROCESS = 5
const SECOND = 1_000

for (const kind of TOKEN_STORE_KINDS) {
  const describeIt = kind.service === null ? describe : describeWith(kind.service)
  describeIt(`the access_token provider on ${kind.name}`, () => {
    // 2025-06-01 12:00 in China: WeChat's clock, shared by the stand-in and the providers.
    let now = Date.UTC(2025, 5, 1, 4, 0, 0)
    let standIn: WechatStandIn
    let running: ListeningStandIn
    let backend: TokenStores
    let refreshes: AccessTokenRefresh[]

    beforeEach(async () => {
      now = Date.UTC(2025, 5, 1, 4, 0, 0)
      const appId = `wx${randomBytes(6).toString('hex')}`
      standIn = createWechatStandIn({ appId, secret: 'token-secret', now: () => now })
      running = await standIn.listen()
      backend = await kind.open(appId, PROCESSES)
      refreshes = []
    })
    afterEach(async () => {
      await backend.close()
      await running.close()
    })

    const provider = (index = 0, options: Partial<AccessTokenProviderOptions> = {}) =>
      createAccessTokenProvider({
        appId: standIn.appId,
        secret: standIn.secret,
        apiBase: running.apiBase,
        store: backend.stores[index] as AccessTokenProviderOptions['store'],
        now: () => now,
        onRefresh: (refresh) => refreshes.push(refresh),
        ...options,
      })
    const processes = () => backend.stores.map((_, index) => provider(index))
    /** Every process asks `CALLS_PER_PROCESS` times at once; the tokens they got. */
    const allAtOnce = (
      providers: AccessTokenProvider[],
      ask = (p: AccessTokenProvider) => p.getToken(),
    ) =>
      Promise.all(providers.flatMap((p) => Array.from({ length: CALLS_PER_PROCESS }, () => ask(p))))
    /** The errcode WeChat answers with `token` on `checksession` (40003 once the token passed). */
    const errcodeWith = async (token: string) =>
      (
        await callWechat({
          api: 'checksession',
          apiBase: running.apiBase,
          path: '/wxa/checksession',
          query: {
            access_token: token,
            openid: 'o-none',
            signature: 'x',
            sig_method: 'hmac_sha256',
          },
          timeoutMs: 2_000,
        })
      ).errcode
    const TOKEN_WORKS = 40003

    it(`makes one stable_token call for ${PROCESSES} processes asking ${CALLS_PER_PROCESS} times at once`, async () => {
      const tokens = await allAtOnce(processes())
      expect(tokens).toHaveLength(PROCESSES * CALLS_PER_PROCESS)
      expect(new Set(tokens).size).toBe(1)
      expect(standIn.stats().stable_token).toBe(1)
      expect(await errcodeWith(tokens[0] as string)).toBe(TOKEN_WORKS)
      // Asked again while fresh: the store answers, WeChat is not called.
      await allAtOnce(processes())
      expect(standIn.stats().stable_token).toBe(1)
    })

    it('renews the token 5 minutes before it expires, once for all', async () => {
      const [first] = await allAtOnce(processes())
      now += 7_200 * SECOND - DEFAULT_ACCESS_TOKEN_OPTIONS.refreshAheadMs - 1
      expect(new Set(await allAtOnce(processes()))).toEqual(new Set([first]))
      now += 1
      // One process renews; the others go on with the old token meanwhile, without waiting.
      const during = await allAtOnce(processes())
      expect(standIn.stats().stable_token).toBe(2)
      const [renewed] = await allAtOnce(processes())
      expect(renewed).not.toBe(first)
      expect(new Set(await allAtOnce(processes()))).toEqual(new Set([renewed]))
      expect([...new Set(during)].every((token) => token === first || token === renewed)).toBe(true)
      expect(standIn.stats().stable_token).toBe(2)
      expect(refreshes.map((refresh) => refresh.forced)).toEqual([false, false])
      // WeChat's handover: the old token works until its own expiry.
      expect(await errcodeWith(first as string)).toBe(TOKEN_WORKS)
    })

    it('force-refreshes once for all after WeChat rejects the token, then not within 30 s', async () => {
      const providers = processes()
      const [rejected] = await allAtOnce(providers)
      standIn.invalidateAccessToken()
      expect(await errcodeWith(rejected as string)).toBe(40001)
      const fresh = await allAtOnce(providers, (p) => p.refreshAfterRejection(rejected as string))
      expect(new Set(fresh).size).toBe(1)
      expect(await errcodeWith(fresh[0] as string)).toBe(TOKEN_WORKS)
      expect(standIn.stats().stable_token).toBe(2)
      expect(refreshes.map((refresh) => refresh.forced)).toEqual([false, true])

      now += 29 * SECOND
      standIn.invalidateAccessToken()
      const again = await providers[3]?.refreshAfterRejection(fresh[0] as string)
      expect(await errcodeWith(again as string)).toBe(TOKEN_WORKS)
      expect(refreshes.map((refresh) => refresh.forced)).toEqual([false, true, false])
    })

    it('counts forced refreshes in the store: 20 a China day for all processes together', async () => {
      let token = await provider(0).getToken()
      for (let i = 0; i < 21; i++) {
        now += 31 * SECOND
        standIn.invalidateAccessToken()
        token = await provider(i % PROCESSES).refreshAfterRejection(token)
      }
      const forced = refreshes.filter((refresh) => refresh.forced).length
      expect(forced).toBe(20)
      expect(refreshes.at(-1)?.forced).toBe(false)
      // The next China day starts a new count.
      now = Date.UTC(2025, 5, 1, 16, 0, 0)
      expect(chinaDay(now)).toBe(chinaDay(Date.UTC(2025, 5, 1, 4)) + 1)
      standIn.invalidateAccessToken()
      await provider(1).refreshAfterRejection(token)
      expect(refreshes.at(-1)?.forced).toBe(true)
    })

    it('takes over a lock whose holder died once its lease ran out', async () => {
      const store = backend.stores[0]
      const held = await store?.acquireLock(300)
      expect(held).toEqual(expect.any(String))
      expect(await backend.stores[1]?.acquireLock(300)).toBeNull()
      const started = performance.now()
      const token = await provider(2).getToken()
      expect(performance.now() - started).toBeGreaterThanOrEqual(250)
      expect(await errcodeWith(token)).toBe(TOKEN_WORKS)
      expect(standIn.stats().stable_token).toBe(1)
    })

    it('releases only its own lock', async () => {
      const [first, second] = backend.stores
      const lockId = (await first?.acquireLock(10_000)) as string
      await second?.releaseLock('not-the-holder')
      expect(await second?.acquireLock(10_000)).toBeNull()
      await first?.releaseLock(lockId)
      expect(await second?.acquireLock(10_000)).toEqual(expect.any(String))
    })

    it('keeps using a token that still works while WeChat fails, then says why', async () => {
      const token = await provider(0).getToken()
      standIn.setBusy('stable_token', true)
      now += 7_200 * SECOND - 60 * SECOND
      expect(await provider(1).getToken()).toBe(token)
      now += 60 * SECOND
      await expect(provider(1).getToken()).rejects.toMatchObject({
        name: 'WechatApiError',
        code: 'WECHAT_BUSY',
        wechatErrcode: -1,
        status: 503,
      })
    })

    it('waits for another process’s refresh at most waitTimeoutMs', async () => {
      await backend.stores[0]?.acquireLock(10_000)
      await expect(provider(1, { waitTimeoutMs: 200 }).getToken()).rejects.toMatchObject({
        code: 'WECHAT_UNAVAILABLE',
        reason: expect.stringMatching(/lock for 200 ms/),
      })
      expect(standIn.stats().stable_token).toBe(0)
    })
  })
}

describe('createAccessTokenProvider', () => {
  const options = (overrides: Partial<AccessTokenProviderOptions>): AccessTokenProviderOptions => ({
    appId: 'wx1',
    secret: 's',
    apiBase: 'http://127.0.0.1:9',
    store: {} as AccessTokenProviderOptions['store'],
    ...overrides,
  })

  it('has the documented defaults', () => {
    expect(DEFAULT_ACCESS_TOKEN_OPTIONS).toEqual({
      timeoutMs: 5_000,
      refreshAheadMs: 300_000,
      lockTtlMs: 15_000,
      waitTimeoutMs: 10_000,
      pollIntervalMs: 25,
      minForcedIntervalMs: 30_000,
      maxForcedPerDay: 20,
    })
    expect(Object.isFrozen(DEFAULT_ACCESS_TOKEN_OPTIONS)).toBe(true)
  })

  it.each([
    [{ appId: '' }, /appId/],
    [{ secret: undefined as unknown as string }, /secret/],
    [{ lockTtlMs: 0 }, /lockTtlMs/],
    [{ maxForcedPerDay: 1.5 }, /maxForcedPerDay/],
  ])('names a bad option: %j', (overrides, message) => {
    expect(() => createAccessTokenProvider(options(overrides))).toThrow(message)
  })
})

describe('accessTokenStoreFor', () => {
  it('uses the table of the app’s migrations on SQL, and the Redis client with Redis', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-wxstore-'))
    const knex = Knex(sqliteKnexConfig(join(dir, 'app.sqlite')))
    try {
      await migrateApp(knex)
      expect(await knex.schema.hasTable(WECHAT_TOKEN_TABLE)).toBe(true)
      const store = accessTokenStoreFor({ limitStore: { type: 'memory' }, knex }, 'wxmigrated')
      const token = { token: 't', fetchedAt: 1, expiresAt: 3, refreshAt: 2 }
      await store.write(token)
      expect(await store.read()).toEqual(token)
      const redis = { get: async () => JSON.stringify(token) } as unknown as Redis
      const onRedis = accessTokenStoreFor(
        { limitStore: { type: 'redis', client: redis }, knex },
        'wx',
      )
      expect(await onRedis.read()).toEqual(token)
    } finally {
      await knex.destroy()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
