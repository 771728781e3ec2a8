import { createMemoryStore, DEFAULT_MEMORY_STORE_OPTIONS } from '../src/stores/memory/memory-store'
import { describeStoreContract, newRecord } from './support/store-contract'
import { SessionRecordCorruptError } from '../src/errors'

describeStoreContract('memory', async () => {
  const store = createMemoryStore()
  const get = store.get.bind(store)
  const corrupted = new Set<string>()
  // Memory keeps objects, not bytes: corruption is simulated at the boundary.
  store.get = async (id, ttl) => {
    if (corrupted.has(id)) throw new SessionRecordCorruptError('simulated')
    return get(id, ttl)
  }
  const destroy = store.destroy.bind(store)
  store.destroy = async (id) => {
    const wasCorrupt = corrupted.delete(id)
    const record = await destroy(id)
    return wasCorrupt ? null : record
  }
  return { store, corrupt: async (id) => void corrupted.add(id), close: async () => {} }
})

describe('createMemoryStore', () => {
  it('has documented defaults', () => {
    expect(DEFAULT_MEMORY_STORE_OPTIONS).toEqual({ maxEntries: 10_000 })
    expect(Object.isFrozen(DEFAULT_MEMORY_STORE_OPTIONS)).toBe(true)
  })

  it('rejects a bad bound', () => {
    expect(() => createMemoryStore({ maxEntries: 0 })).toThrow('Invalid option maxEntries: 0')
  })

  it('evicts the least recently used entry past its bound', async () => {
    const store = createMemoryStore({ maxEntries: 2 })
    await store.create('a', newRecord())
    await store.create('b', newRecord())
    await store.get('a', 60_000)
    await store.create('c', newRecord())
    expect(await store.get('b', 60_000)).toBeNull()
    expect(await store.get('a', 60_000)).not.toBeNull()
  })

  it('forgets entries when their time is up', async () => {
    let now = 1_000
    const store = createMemoryStore({ now: () => now })
    await store.create('a', newRecord({ idleExpiresAt: 2_000, absoluteExpiresAt: 10_000 }))
    now = 1_500
    expect(await store.get('a', 1_000)).not.toBeNull()
    now = 2_400
    expect(await store.get('a', 1_000)).not.toBeNull()
    now = 3_600
    expect(await store.get('a', 1_000)).toBeNull()
  })
})
