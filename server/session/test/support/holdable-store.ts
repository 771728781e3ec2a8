import type { SessionStore } from '../../src/types'

/** A `destroy` call a test holds back: it has reached the store and waits for `release`. */
export interface HeldDestroy {
  /** Resolves when the held `destroy` has been called. */
  reached: Promise<void>
  /** Let it run. */
  release(): void
}

/**
 * Wraps a store so that a test can hold its next `destroy` (a login's `regenerate()` deletes the
 * old id there), to run other requests in the gap between a login's two store steps.
 */
export function holdableStore(store: SessionStore): {
  store: SessionStore
  holdNextDestroy(): HeldDestroy
} {
  let held: { arrived(): void; gate: Promise<void> } | null = null
  const wrapped = Object.create(store) as SessionStore
  wrapped.destroy = async (id) => {
    const hold = held
    held = null
    if (hold) {
      hold.arrived()
      await hold.gate
    }
    return store.destroy(id)
  }
  return {
    store: wrapped,
    holdNextDestroy() {
      let arrived!: () => void
      let release!: () => void
      const reached = new Promise<void>((resolve) => (arrived = resolve))
      const gate = new Promise<void>((resolve) => (release = resolve))
      held = { arrived, gate }
      return { reached, release }
    },
  }
}
