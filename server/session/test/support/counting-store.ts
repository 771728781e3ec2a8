import type { SessionStore } from '../../src/types'

/** Wraps a store and counts the calls of each method (to prove "no store access"). */
export function countingStore(store: SessionStore): {
  store: SessionStore
  calls: Record<string, number>
  total(): number
  reset(): void
} {
  const calls: Record<string, number> = {}
  const wrapped = Object.create(store) as SessionStore
  for (const name of ['get', 'create', 'commit', 'destroy', 'listByUser', 'ping'] as const) {
    const original = store[name].bind(store) as (...args: unknown[]) => Promise<unknown>
    ;(wrapped as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      calls[name] = (calls[name] ?? 0) + 1
      return original(...args)
    }
  }
  return {
    store: wrapped,
    calls,
    total: () => Object.values(calls).reduce((a, b) => a + b, 0),
    reset: () => {
      for (const key of Object.keys(calls)) delete calls[key]
    },
  }
}
