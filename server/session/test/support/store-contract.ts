import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { SessionRecordCorruptError } from '../../src/errors'
import { applyOperations } from '../../src/operations'
import type { JsonValue, SessionOperation, SessionRecord, SessionStore } from '../../src/types'

/** What a store's test file hands to the contract suite. */
export interface StoreHarness {
  store: SessionStore
  /** Overwrite what is stored for `id` with bytes the store cannot decode. */
  corrupt(id: string): Promise<void>
  /** Close connections, drop test data. */
  close(): Promise<void>
}

const HOUR = 3_600_000
const newId = (): string => randomBytes(32).toString('base64url')

export function newRecord(overrides: Partial<SessionRecord> = {}): SessionRecord {
  const now = Date.now()
  return {
    data: {},
    userId: null,
    device: null,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: now + HOUR,
    absoluteExpiresAt: now + 24 * HOUR,
    version: 1,
    ...overrides,
  }
}

function commitOf(
  operations: SessionOperation[],
  extra: Partial<Parameters<SessionStore['commit']>[1]> = {},
) {
  const now = Date.now()
  return { operations, lastSeenAt: now, idleExpiresAt: now + HOUR, maxDataBytes: 65_536, ...extra }
}

/**
 * A commit as the middleware sends it: `operations` plus `base`, what the record loaded as
 * `loaded` becomes with them (data from `data`, the binding applied, the times updated).
 */
function baseCommitOf(
  loaded: SessionRecord,
  operations: SessionOperation[],
  extra: Partial<Parameters<SessionStore['commit']>[1]> = {},
) {
  const commit = commitOf(operations, extra)
  const { binding } = commit
  const record: SessionRecord = {
    ...loaded,
    data: applyOperations(structuredClone(loaded.data), operations),
    userId: binding === undefined ? loaded.userId : (binding?.userId ?? null),
    device: binding === undefined ? loaded.device : (binding?.device ?? null),
    lastSeenAt: commit.lastSeenAt,
    idleExpiresAt: commit.idleExpiresAt,
    version: loaded.version + 1,
  }
  return { ...commit, base: { version: loaded.version, userId: loaded.userId, record } }
}

/** Awkward JSON that naive encoders change: it must come back exactly. */
export const AWKWARD_DATA = {
  emptyArray: [],
  emptyObject: {},
  nested: { list: [1, [], {}, null, 'x'], deep: { deeper: { deepest: true } } },
  float: 0.30000000000000004,
  big: 9007199254740991,
  tiny: 5e-324,
  negative: -12.5,
  text: 'é 😀 "quoted" \\ back\nslash \u0000 nul',
  'key.with.dots': 1,
  'key "quoted"': 2,
  ключ: 3,
  '': 'empty key',
  '10': 'numeric key',
  // An own "__proto__" key, as JSON.parse makes it (a literal would set the prototype).
  ...(JSON.parse('{"__proto__": {"own": true}}') as Record<string, JsonValue>),
} satisfies Record<string, JsonValue>

const jsonKey = fc.oneof(
  fc.constantFrom('a', 'b', 'c', '1', 'k.x', 'é', '', '__proto__'),
  fc.string({ maxLength: 4 }),
)
const jsonValue: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
    fc.integer(),
    fc.string({ maxLength: 6 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(jsonKey, tie('value'), { maxKeys: 3 }),
  ),
})).value
const operation: fc.Arbitrary<SessionOperation> = fc.oneof(
  fc.record({
    op: fc.constant('set' as const),
    path: fc.array(jsonKey, { minLength: 0, maxLength: 3 }),
    value: jsonValue,
  }),
  fc.record({
    op: fc.constant('delete' as const),
    path: fc.array(jsonKey, { minLength: 0, maxLength: 3 }),
  }),
)

/**
 * The contract every `SessionStore` passes. `setup` runs once per file; each test uses fresh ids.
 */
export function describeStoreContract(name: string, setup: () => Promise<StoreHarness>): void {
  describe(`SessionStore contract: ${name}`, () => {
    let harness: StoreHarness
    let store: SessionStore
    beforeAll(async () => {
      harness = await setup()
      store = harness.store
    })
    afterAll(async () => harness?.close())

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined()
    })

    it('returns null for an id it never stored', async () => {
      await expect(store.get(newId(), HOUR)).resolves.toBeNull()
    })

    it('gives back a created record exactly, awkward JSON included', async () => {
      const id = newId()
      const record = newRecord({ data: AWKWARD_DATA, userId: 'u-1', device: 'iPhone 15' })
      await expect(store.create(id, record)).resolves.toBe(true)
      await expect(store.get(id, HOUR)).resolves.toEqual(record)
    })

    it('gives back a record created with its data already encoded, exactly', async () => {
      const id = newId()
      const record = newRecord({ data: AWKWARD_DATA })
      await expect(store.create(id, record, JSON.stringify(AWKWARD_DATA))).resolves.toBe(true)
      await expect(store.get(id, HOUR)).resolves.toEqual(record)
    })

    it('never overwrites an existing id on create', async () => {
      const id = newId()
      await store.create(id, newRecord({ data: { first: true } }))
      await expect(store.create(id, newRecord({ data: { second: true } }))).resolves.toBe(false)
      expect((await store.get(id, HOUR))?.data).toEqual({ first: true })
    })

    it('applies a commit to the stored record and bumps the version', async () => {
      const id = newId()
      await store.create(id, newRecord({ data: { keep: 1, drop: 2, box: { a: 1 } } }))
      const later = Date.now() + 5_000
      const result = await store.commit(
        id,
        commitOf(
          [
            { op: 'set', path: ['box', 'b'], value: [] },
            { op: 'delete', path: ['drop'] },
            { op: 'set', path: ['new', 'deep'], value: { x: 0.1 } },
          ],
          { lastSeenAt: later, idleExpiresAt: later + HOUR },
        ),
      )
      expect(result).toEqual({ status: 'applied', version: 2 })
      const stored = await store.get(id, HOUR)
      expect(stored?.data).toEqual({ keep: 1, box: { a: 1, b: [] }, new: { deep: { x: 0.1 } } })
      expect(stored?.lastSeenAt).toBe(later)
      expect(stored?.idleExpiresAt).toBe(later + HOUR)
      expect(stored?.version).toBe(2)
    })

    it('shares the operation semantics: scalar parents become objects, missing parents are no-ops', async () => {
      const id = newId()
      await store.create(id, newRecord({ data: { s: 'text', arr: [1, 2], n: null } }))
      const operations: SessionOperation[] = [
        { op: 'set', path: ['s', 'child'], value: 1 },
        { op: 'set', path: ['arr', '0'], value: 'x' },
        { op: 'delete', path: ['missing', 'x'] },
        { op: 'delete', path: ['n', 'x'] },
        { op: 'set', path: ['n', 'y', 'z'], value: false },
      ]
      await store.commit(id, commitOf(operations))
      const expected = applyOperations({ s: 'text', arr: [1, 2], n: null }, operations)
      expect((await store.get(id, HOUR))?.data).toEqual(expected)
    })

    it('drops a commit to a record that is gone', async () => {
      const id = newId()
      await expect(
        store.commit(id, commitOf([{ op: 'set', path: ['a'], value: 1 }])),
      ).resolves.toEqual({
        status: 'missing',
      })
      await expect(store.get(id, HOUR)).resolves.toBeNull()
      await store.create(id, newRecord())
      await store.destroy(id)
      await expect(
        store.commit(id, commitOf([{ op: 'set', path: ['a'], value: 1 }])),
      ).resolves.toEqual({
        status: 'missing',
      })
      await expect(store.get(id, HOUR)).resolves.toBeNull()
    })

    it('refuses a commit that would exceed the size cap and keeps the record as it was', async () => {
      const id = newId()
      await store.create(id, newRecord({ data: { a: 'x'.repeat(100) } }))
      const result = await store.commit(
        id,
        commitOf([{ op: 'set', path: ['b'], value: 'y'.repeat(200) }], { maxDataBytes: 256 }),
      )
      expect(result.status).toBe('too-large')
      const stored = await store.get(id, HOUR)
      expect(stored?.data).toEqual({ a: 'x'.repeat(100) })
      expect(stored?.version).toBe(1)
    })

    it('keeps every change of 10 concurrent commits to different paths', async () => {
      const id = newId()
      await store.create(id, newRecord({ data: { cart: { items: {} } } }))
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.commit(
            id,
            commitOf([{ op: 'set', path: ['cart', 'items', `sku-${i}`], value: i }]),
          ),
        ),
      )
      expect(results.every((r) => r.status === 'applied')).toBe(true)
      expect(
        results.map((r) => (r.status === 'applied' ? r.version : 0)).sort((a, b) => a - b),
      ).toEqual(Array.from({ length: 10 }, (_, i) => i + 2))
      const items = (await store.get(id, HOUR))?.data.cart
      expect(items).toEqual({
        items: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`sku-${i}`, i])),
      })
    })

    it('binds, lists, rebinds and unbinds users', async () => {
      const id1 = newId()
      const id2 = newId()
      const user = `user-${newId().slice(0, 8)}`
      await store.create(id1, newRecord({ userId: user, device: 'phone' }))
      await store.create(id2, newRecord())
      await store.commit(id2, commitOf([], { binding: { userId: user, device: null } }))
      const listed = await store.listByUser(user)
      expect(listed.map((s) => s.id).sort()).toEqual([id1, id2].sort())
      expect(listed.find((s) => s.id === id1)?.record.device).toBe('phone')

      await store.commit(
        id2,
        commitOf([], { binding: { userId: `${user}-other`, device: 'tablet' } }),
      )
      expect((await store.listByUser(user)).map((s) => s.id)).toEqual([id1])
      expect((await store.listByUser(`${user}-other`)).map((s) => s.record.device)).toEqual([
        'tablet',
      ])

      await store.commit(id1, commitOf([], { binding: null }))
      expect(await store.listByUser(user)).toEqual([])
      expect((await store.get(id1, HOUR))?.userId).toBeNull()
    })

    it('forgets a destroyed session in the user index', async () => {
      const id = newId()
      const user = `user-${newId().slice(0, 8)}`
      await store.create(id, newRecord({ userId: user }))
      await store.destroy(id)
      await store.destroy(id)
      await expect(store.listByUser(user)).resolves.toEqual([])
    })

    it('resolves a destroy with the record as it was when it went, and null for nothing', async () => {
      const id = newId()
      const user = `user-${newId().slice(0, 8)}`
      await store.create(id, newRecord({ userId: user, data: { a: [], n: 0.1 } }))
      const applied = await store.commit(
        id,
        commitOf([{ op: 'set', path: ['b', 'c'], value: 'ü' }], { binding: null }),
      )
      expect(applied).toEqual({ status: 'applied', version: 2 })
      const gone = await store.destroy(id)
      expect(gone).toMatchObject({ data: { a: [], n: 0.1, b: { c: 'ü' } }, userId: null })
      expect(gone?.version).toBe(2)
      await expect(store.destroy(id)).resolves.toBeNull()
      await expect(store.destroy(newId())).resolves.toBeNull()
    })

    it('reports a record it cannot decode as corrupt', async () => {
      const id = newId()
      await store.create(id, newRecord({ data: { a: 1 } }))
      await harness.corrupt(id)
      await expect(store.get(id, HOUR)).rejects.toBeInstanceOf(SessionRecordCorruptError)
      await expect(store.destroy(id)).resolves.toBeNull()
      await expect(store.get(id, HOUR)).resolves.toBeNull()
    })

    describe('commits that carry the loaded version (base)', () => {
      it('writes base.record exactly and bumps the version when nobody committed meanwhile', async () => {
        const id = newId()
        const user = `user-${newId().slice(0, 8)}`
        const loaded = newRecord({ data: { keep: 1, drop: 2 }, userId: user, device: 'phone' })
        await store.create(id, loaded)
        const later = Date.now() + 5_000
        const commit = baseCommitOf(
          loaded,
          [
            { op: 'set', path: ['awkward'], value: AWKWARD_DATA },
            { op: 'delete', path: ['drop'] },
          ],
          {
            lastSeenAt: later,
            idleExpiresAt: later + HOUR,
            binding: { userId: `${user}-new`, device: 'tablet' },
          },
        )
        await expect(store.commit(id, commit)).resolves.toEqual({ status: 'applied', version: 2 })
        const stored = await store.get(id, HOUR)
        expect(stored).toEqual(commit.base.record)
        expect(stored?.data).toEqual({ keep: 1, awkward: AWKWARD_DATA })
        await expect(store.listByUser(user)).resolves.toEqual([])
        expect((await store.listByUser(`${user}-new`)).map((s) => s.id)).toEqual([id])

        const again = baseCommitOf(commit.base.record, [{ op: 'set', path: ['n'], value: 3 }])
        await expect(store.commit(id, again)).resolves.toEqual({ status: 'applied', version: 3 })
        expect(await store.get(id, HOUR)).toEqual(again.base.record)
      })

      it('applies the operations to the current record when another commit landed first', async () => {
        const id = newId()
        const loaded = newRecord({ data: { a: 1, gone: true } })
        await store.create(id, loaded)
        const stale = baseCommitOf(loaded, [{ op: 'set', path: ['b'], value: 2 }])
        await store.commit(
          id,
          commitOf([
            { op: 'set', path: ['c'], value: 3 },
            { op: 'delete', path: ['gone'] },
          ]),
        )
        await expect(store.commit(id, stale)).resolves.toEqual({ status: 'applied', version: 3 })
        const stored = await store.get(id, HOUR)
        expect(stored?.data).toEqual({ a: 1, b: 2, c: 3 })
        expect(stored?.version).toBe(3)
      })

      it('keeps every change of 10 concurrent commits from the same loaded version', async () => {
        const id = newId()
        const loaded = newRecord({ data: { cart: { items: {} } } })
        await store.create(id, loaded)
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            store.commit(
              id,
              baseCommitOf(loaded, [{ op: 'set', path: ['cart', 'items', `sku-${i}`], value: i }]),
            ),
          ),
        )
        expect(
          results.map((r) => (r.status === 'applied' ? r.version : 0)).sort((a, b) => a - b),
        ).toEqual(Array.from({ length: 10 }, (_, i) => i + 2))
        const stored = await store.get(id, HOUR)
        expect(stored?.data).toEqual({
          cart: {
            items: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`sku-${i}`, i])),
          },
        })
        expect(stored?.version).toBe(11)
      })

      it('drops a commit to a record destroyed meanwhile (no resurrection)', async () => {
        const id = newId()
        const loaded = newRecord({ data: { a: 1 } })
        await store.create(id, loaded)
        await store.destroy(id)
        await expect(
          store.commit(id, baseCommitOf(loaded, [{ op: 'set', path: ['a'], value: 2 }])),
        ).resolves.toEqual({ status: 'missing' })
        await expect(store.get(id, HOUR)).resolves.toBeNull()
      })

      it('refuses a commit over the size cap, at the loaded version or after another commit', async () => {
        const id = newId()
        const loaded = newRecord({ data: { a: 'x'.repeat(100) } })
        await store.create(id, loaded)
        const big = baseCommitOf(loaded, [{ op: 'set', path: ['b'], value: 'y'.repeat(200) }], {
          maxDataBytes: 256,
        })
        const result = await store.commit(id, big)
        expect(result.status).toBe('too-large')
        expect(await store.get(id, HOUR)).toEqual(loaded)

        // The loaded data fits, but another commit made the record bigger meanwhile.
        const small = baseCommitOf(loaded, [{ op: 'set', path: ['b'], value: 'y'.repeat(100) }], {
          maxDataBytes: 256,
        })
        await store.commit(id, commitOf([{ op: 'set', path: ['c'], value: 'z'.repeat(100) }]))
        expect((await store.commit(id, small)).status).toBe('too-large')
        const stored = await store.get(id, HOUR)
        expect(stored?.data).toEqual({ a: 'x'.repeat(100), c: 'z'.repeat(100) })
        expect(stored?.version).toBe(2)
      })
    })

    it('applies random operations exactly as applyOperations does', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(jsonKey, jsonValue, { maxKeys: 4 }),
          fc.array(operation, { maxLength: 6 }),
          async (data, operations) => {
            const id = newId()
            await store.create(id, newRecord({ data }))
            await store.commit(id, commitOf(operations))
            const expected = applyOperations(structuredClone(data), operations)
            expect((await store.get(id, HOUR))?.data).toEqual(expected)
            await store.destroy(id)
          },
        ),
        { numRuns: 60 },
      )
    })
  })
}

/**
 * Load 200 sessions at once (120 stored, 40 unknown, 40 asked twice) and check that each gets
 * its own record while the store sends fewer than one statement or command per 4 loads (`calls`
 * spies on what it sends).
 */
export async function expectBatchedLoads(
  store: SessionStore,
  calls: () => jest.SpyInstance,
): Promise<void> {
  const ids = Array.from({ length: 120 }, newId)
  await Promise.all(ids.map((id, i) => store.create(id, newRecord({ data: { i } }))))
  const missing = Array.from({ length: 40 }, newId)
  const asked = [...ids, ...missing, ...ids.slice(0, 40)]
  const spy = calls()
  try {
    const records = await Promise.all(asked.map((id) => store.get(id, HOUR)))
    expect(records.map((record) => record?.data.i ?? null)).toEqual([
      ...ids.map((_, i) => i),
      ...missing.map(() => null),
      ...ids.slice(0, 40).map((_, i) => i),
    ])
    expect(spy.mock.calls.length).toBeLessThan(asked.length / 4)
  } finally {
    spy.mockRestore()
  }
}
