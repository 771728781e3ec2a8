import { createMemoryStore } from '../src'
import { SessionRecordCorruptError } from '../src/errors'
import { describeSessionProtocol } from './support/protocol-suite'

describeSessionProtocol('memory', async (now) => {
  const store = createMemoryStore({ now })
  const corrupted = new Set<string>()
  const get = store.get.bind(store)
  store.get = async (id, ttl) => {
    if (corrupted.has(id)) throw new SessionRecordCorruptError('simulated')
    return get(id, ttl)
  }
  return { store, corrupt: async (id) => void corrupted.add(id), close: async () => {} }
})
