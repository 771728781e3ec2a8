import { randomBytes } from 'node:crypto'
import Redis, { type RedisOptions } from 'ioredis'
import { SessionOptionsError } from '../src/errors'
import {
  createRedisStore,
  DEFAULT_REDIS_STORE_OPTIONS,
  type RedisStoreOptions,
} from '../src/stores/redis'
import type { SessionStore } from '../src/types'
import { describeWith, SERVICES } from './support/services'
import { describeStoreContract, expectBatchedLoads, newRecord } from './support/store-contract'

const HOUR = 3_600_000
const PREFIX = `hs-test:${randomBytes(6).toString('hex')}:`
const APP_LIKE: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  enableAutoPipelining: true,
}
const newId = (): string => randomBytes(32).toString('base64url')

async function dropKeys(client: Redis, pattern: string): Promise<void> {
  const keys = await client.keys(pattern)
  if (keys.length > 0) await client.del(...keys)
}

describeWith('redis')('createRedisStore on a standalone Redis', () => {
  // Once with ioredis defaults, once as the app configures it (see open-store.ts).
  const clients: [string, RedisOptions][] = [
    ['redis', { maxRetriesPerRequest: 1 }],
    ['redis, auto-pipelined, no offline queue', APP_LIKE],
  ]
  clients.forEach(([name, options], i) => {
    describeStoreContract(name, async () => {
      const client = new Redis(SERVICES.redis.url, options)
      await new Promise((resolve) => client.once('ready', resolve))
      const prefix = `${PREFIX}contract${i}:`
      return {
        store: createRedisStore({ client, prefix }),
        corrupt: async (id) => void (await client.set(`${prefix}s:${id}`, 'garbage\n{')),
        close: async () => {
          await dropKeys(client, `${prefix}*`)
          await client.quit()
        },
      }
    })
  })

  describe('Redis specifics', () => {
    let client: Redis
    let store: SessionStore
    const key = (id: string): string => `${PREFIX}s:${id}`
    beforeAll(() => {
      client = new Redis(SERVICES.redis.url, { maxRetriesPerRequest: 1 })
      store = createRedisStore({ client, prefix: PREFIX })
    })
    afterAll(async () => {
      await dropKeys(client, `${PREFIX}*`)
      await client.quit()
    })

    it('has documented defaults and writes under hs:', async () => {
      expect(DEFAULT_REDIS_STORE_OPTIONS).toEqual({
        prefix: 'hs:',
        durability: 'async',
        replicas: 1,
        replicationTimeoutMs: 500,
      })
      expect(Object.isFrozen(DEFAULT_REDIS_STORE_OPTIONS)).toBe(true)
      const id = newId()
      await createRedisStore({ client }).create(id, newRecord())
      expect(await client.del(`hs:s:${id}`)).toBe(1)
    })

    it('validates its options', () => {
      expect(() => createRedisStore({} as never)).toThrow(SessionOptionsError)
      expect(() => createRedisStore({ client: {} as never })).toThrow('Invalid option client')
      expect(() => createRedisStore(undefined as never)).toThrow('Invalid option client')
      expect(() => createRedisStore({ client, prefix: 42 as never })).toThrow(
        'Invalid option prefix: 42',
      )
      const bad: [Partial<RedisStoreOptions>, string][] = [
        [{ durability: 'sync' as never }, 'Invalid option durability: "sync"'],
        [{ replicas: 2 }, 'Invalid option replicas: 2'],
        [{ replicationTimeoutMs: 100 }, 'Invalid option replicationTimeoutMs: 100'],
        [{ durability: 'replicated', replicas: 0 }, 'Invalid option replicas: 0'],
        [{ durability: 'replicated', replicas: 1.5 }, 'Invalid option replicas: 1.5'],
        // WAIT 0 would block forever.
        [{ durability: 'replicated', replicationTimeoutMs: 0 }, 'replicationTimeoutMs: 0'],
        [{ durability: 'replicated', replicationTimeoutMs: 60_001 }, 'replicationTimeoutMs: 60001'],
      ]
      for (const [options, message] of bad) {
        expect(() => createRedisStore({ client, ...options })).toThrow(SessionOptionsError)
        expect(() => createRedisStore({ client, ...options })).toThrow(message)
      }
      expect(() =>
        createRedisStore({
          client,
          durability: 'replicated',
          replicas: 2,
          replicationTimeoutMs: 50,
        }),
      ).not.toThrow()
    })

    it('reports its kind', () => {
      expect(store.kind).toBe('redis')
    })

    it('keeps the TTL at the record’s expiry: a get leaves it, a commit (a touch) moves it', async () => {
      const id = newId()
      const now = Date.now()
      await store.create(id, newRecord({ lastSeenAt: now, idleExpiresAt: now + 60_000 }))
      expect(await client.pttl(key(id))).toBeLessThanOrEqual(60_000)
      await store.get(id, 2 * HOUR)
      expect(await client.pttl(key(id))).toBeLessThanOrEqual(60_000)
      await store.commit(id, {
        operations: [],
        lastSeenAt: Date.now(),
        idleExpiresAt: Date.now() + HOUR,
        maxDataBytes: 1_000,
      })
      expect(await client.pttl(key(id))).toBeGreaterThan(HOUR - 60_000)
      expect(await client.pttl(key(id))).toBeLessThanOrEqual(HOUR)
    })

    it('never lets the TTL run past absoluteExpiresAt', async () => {
      const id = newId()
      const now = Date.now()
      const absoluteExpiresAt = now + 60_000
      await store.create(
        id,
        newRecord({ lastSeenAt: now, idleExpiresAt: now + HOUR, absoluteExpiresAt }),
      )
      expect(await client.pttl(key(id))).toBeLessThanOrEqual(60_000)
      await store.commit(id, {
        operations: [],
        lastSeenAt: now,
        idleExpiresAt: now + HOUR,
        maxDataBytes: 1_000,
      })
      expect(await client.pttl(key(id))).toBeLessThanOrEqual(60_000)
      await store.get(id, HOUR)
      expect(await client.pttl(key(id))).toBeLessThanOrEqual(absoluteExpiresAt - now)
    })

    it('loads 200 sessions asked for at once in a few MGETs, each with its own record', async () => {
      await expectBatchedLoads(store, () => jest.spyOn(client, 'sendCommand'))
    })

    it('keeps a user index that expires with its last session', async () => {
      const id = newId()
      const user = `user-${newId().slice(0, 8)}`
      const record = newRecord({ userId: user })
      await store.create(id, record)
      const ttl = await client.pttl(`${PREFIX}user:${user}`)
      expect(ttl).toBeGreaterThan(0)
      expect(ttl).toBeLessThanOrEqual(record.absoluteExpiresAt - Date.now() + 1_000)
      expect(await client.zscore(`${PREFIX}user:${user}`, id)).toBe(
        String(record.absoluteExpiresAt),
      )
    })

    it('prunes the user index lazily', async () => {
      const user = `user-${newId().slice(0, 8)}`
      const index = `${PREFIX}user:${user}`
      const [kept, gone, rebound, expired] = [newId(), newId(), newId(), newId()]
      await store.create(kept, newRecord({ userId: user }))
      await store.create(gone, newRecord({ userId: user }))
      await store.create(rebound, newRecord({ userId: 'someone-else' }))
      await client.del(key(gone))
      await client.zadd(index, Date.now() + HOUR, rebound, Date.now() - 1_000, expired)
      expect(await client.zcard(index)).toBe(4)
      expect((await store.listByUser(user)).map((s) => s.id)).toEqual([kept])
      expect(await client.zrange(index, '0', '-1')).toEqual([kept])
    })
  })
})
