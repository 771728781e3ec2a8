import type { Storage } from './types'

/** A storage that forgets on restart: the token lives only in memory. The default. */
export function createMemoryStorage(): Storage {
  const values = new Map<string, string>()
  return {
    get: (key) => values.get(key),
    set: (key, value) => {
      values.set(key, value)
    },
    remove: (key) => {
      values.delete(key)
    },
  }
}
