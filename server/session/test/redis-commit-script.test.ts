import { createHash, randomBytes } from 'node:crypto'
import fc from 'fast-check'
import Redis from 'ioredis'
import { SessionRecordCorruptError } from '../src/errors'
import { applyOperations } from '../src/operations'
import { createRedisStore } from '../src/stores/redis'
import { COMMIT_SCRIPT } from '../src/stores/redis/commit-script'
import { encodeRecord } from '../src/stores/redis/record-format'
import type {
  JsonObject,
  SessionBinding,
  SessionCommit,
  SessionOperation,
  SessionRecord,
  SessionStore,
} from '../src/types'
import { startRedisServer } from './support/redis-server'
import { describeWith, SERVICES } from './support/services'
import { AWKWARD_DATA, newRecord } from './support/store-contract'

const HOUR = 3_600_000
const PREFIX = `hs-test:${randomBytes(6).toString('hex')}:`
const newId = (): string => randomBytes(32).toString('base64url')
const key = (id: string): string => `${PREFIX}s:${id}`

function commitOf(operations: SessionOperation[], maxDataBytes = 65_536): SessionCommit {
  const now = Date.now()
  return { operations, lastSeenAt: now, idleExpiresAt: now + HOUR, maxDataBytes }
}

describeWith('redis')('the Redis commit script', () => {
  let client: Redis
  let store: SessionStore
  beforeAll(() => {
    client = new Redis(SERVICES.redis.url, { maxRetriesPerRequest: 1 })
    store = createRedisStore({ client, prefix: PREFIX })
  })
  afterAll(async () => {
    const keys = await client.keys(`${PREFIX}*`)
    if (keys.length > 0) await client.del(...keys)
    await client.quit()
  })

  it('keeps awkward JSON exact through commits', async () => {
    const id = newId()
    await store.create(id, newRecord({ data: AWKWARD_DATA }))
    const value = { n: 0.1 + 0.2, big: -(2 ** 53 - 1), tiny: 1e-300, list: [] }
    const result = await store.commit(
      id,
      commitOf([{ op: 'set', path: ['nested', 'added'], value }]),
    )
    expect(result).toEqual({ status: 'applied', version: 2 })
    const expected = { ...AWKWARD_DATA, nested: { ...AWKWARD_DATA.nested, added: value } }
    expect((await store.get(id, HOUR))?.data).toEqual(expected)
  })

  it('edits data whose strings hold brackets, and skips containers fast once they are gone', async () => {
    const id = newId()
    const data = { 'a{': { 'b]': '[x}' }, n: { deep: [1, {}, '{'] }, m: [{ x: '}' }] }
    await store.create(id, newRecord({ data }))
    const operations: SessionOperation[] = [
      { op: 'set', path: ['n', 'deep2'], value: { '[': ']' } },
      { op: 'delete', path: ['a{', 'b]'] },
      { op: 'set', path: ['m', '{', '}'], value: '[' },
    ]
    await store.commit(id, commitOf(operations))
    const expected = applyOperations(structuredClone(data), operations)
    expect((await store.get(id, HOUR))?.data).toEqual(expected)
    expect(await client.get(key(id))).toContain('"plainStrings":false}')
    await store.commit(id, commitOf([{ op: 'set', path: [], value: { a: { b: [1, { c: 2 }] } } }]))
    await store.commit(id, commitOf([{ op: 'set', path: ['a', 'd'], value: [[], {}] }]))
    expect(await client.get(key(id))).toContain('"plainStrings":true}')
    expect((await store.get(id, HOUR))?.data).toEqual({ a: { b: [1, { c: 2 }], d: [[], {}] } })
  })

  it('writes the meta exactly as encodeRecord does (random records and bindings)', async () => {
    // The script builds the meta JSON by hand, as encodeRecord does: the fast commit's version
    // check relies on both writing `{"version":N,` first, and a load on both being JSON.
    const text = fc.string({ unit: 'binary', maxLength: 12 })
    const time = fc.integer({ min: 0, max: 2 ** 52 })
    const ahead = fc.integer({ min: 60_000, max: 2 ** 40 })
    const binding = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.record({ userId: text, device: fc.option(text) }),
    )
    const stored = fc
      .record({
        data: fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
        userId: fc.option(text),
        device: fc.option(text),
        createdAt: time,
        lastSeenAt: time,
        absoluteAhead: ahead,
        version: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER - 1 }),
      })
      .map(({ absoluteAhead, data, ...record }): SessionRecord => ({
        ...record,
        data: data as JsonObject,
        idleExpiresAt: record.lastSeenAt + 60_000,
        absoluteExpiresAt: record.lastSeenAt + absoluteAhead,
      }))
    await fc.assert(
      fc.asyncProperty(stored, binding, ahead, async (record, bind, idleAhead) => {
        const id = newId()
        await client.set(key(id), encodeRecord(record), 'PX', 60_000)
        const lastSeenAt = record.lastSeenAt + 1
        const commit: SessionCommit = {
          operations: [],
          lastSeenAt,
          idleExpiresAt: lastSeenAt + idleAhead,
          maxDataBytes: 1_000_000,
          binding: bind as SessionBinding | null | undefined,
        }
        const result = await store.commit(id, commit)
        expect(result).toEqual({ status: 'applied', version: record.version + 1 })
        const expected: SessionRecord = {
          ...record,
          ...(bind === undefined
            ? {}
            : { userId: bind?.userId ?? null, device: bind?.device ?? null }),
          version: record.version + 1,
          lastSeenAt,
          idleExpiresAt: commit.idleExpiresAt,
        }
        expect(await client.get(key(id))).toBe(encodeRecord(expected))
      }),
      { numRuns: 150 },
    )
  })

  it('reports the exact size of data over the cap', async () => {
    const id = newId()
    await store.create(id, newRecord({ data: { a: 'é' } }))
    const result = await store.commit(id, commitOf([{ op: 'set', path: ['b'], value: [] }], 10))
    expect(result).toEqual({ status: 'too-large', bytes: Buffer.byteLength('{"a":"é","b":[]}') })
  })

  it('rejects a commit to a corrupt record and leaves it alone', async () => {
    const id = newId()
    await client.set(key(id), '{"version":1}\n{"a":')
    await expect(store.commit(id, commitOf([]))).rejects.toBeInstanceOf(SessionRecordCorruptError)
    expect(await client.get(key(id))).toBe('{"version":1}\n{"a":')
  })

  it('is sent as a cached script (EVALSHA)', async () => {
    const id = newId()
    await store.create(id, newRecord())
    await store.commit(id, commitOf([]))
    const sha = createHash('sha1').update(COMMIT_SCRIPT).digest('hex')
    expect(await client.script('EXISTS', sha)).toEqual([1])
  })

  it('is loaded again after SCRIPT FLUSH and after a restart', async () => {
    const server = await startRedisServer({ args: ['--appendonly', 'yes'] })
    const own = new Redis(server.url, { maxRetriesPerRequest: 1, enableAutoPipelining: true })
    try {
      const ownStore = createRedisStore({ client: own })
      const id = newId()
      await ownStore.create(id, newRecord())
      await ownStore.commit(id, commitOf([]))
      await own.script('FLUSH')
      await expect(
        Promise.all([1, 2].map(() => ownStore.commit(id, commitOf([])))),
      ).resolves.toEqual([
        { status: 'applied', version: 3 },
        { status: 'applied', version: 4 },
      ])
      await server.stop()
      await server.start()
      await own.ping()
      await expect(ownStore.commit(id, commitOf([]))).resolves.toEqual({
        status: 'applied',
        version: 5,
      })
    } finally {
      own.disconnect()
      await server.remove()
    }
  })
})
