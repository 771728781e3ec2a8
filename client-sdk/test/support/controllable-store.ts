import type { SessionStore } from '@header-session/koa'
import { createHold, type Hold, type HoldHandle } from './hold'

/** The store methods a test can make fail. */
export type FailingMethod = 'get' | 'commit'

/** A session store a test can hold or break, one call at a time. */
export interface ControllableStore {
  readonly store: SessionStore
  /**
   * Holds the next commit that changes data: the request has loaded its session and run its
   * handler, and waits there until `release()`.
   */
  holdNextWrite(): Hold
  /** Makes the next call of `method` fail, as an unreachable store would. */
  failNext(method: FailingMethod): void
}

/** Wraps `store` (its other methods are used as they are). */
export function controllableStore(store: SessionStore): ControllableStore {
  let held: HoldHandle | null = null
  const failing = new Set<FailingMethod>()
  const fails = (method: FailingMethod): boolean => failing.delete(method)
  const wrapped = Object.create(store) as SessionStore
  wrapped.get = async (id, ttlMs) => {
    if (fails('get')) throw new Error('store down')
    return store.get(id, ttlMs)
  }
  wrapped.commit = async (id, commit) => {
    if (fails('commit')) throw new Error('store down')
    const hold = held
    if (hold && commit.operations.length > 0) {
      held = null
      hold.arrive()
      await hold.released
    }
    return store.commit(id, commit)
  }
  return {
    store: wrapped,
    holdNextWrite() {
      const hold = createHold()
      held = hold
      return hold
    },
    failNext(method) {
      failing.add(method)
    },
  }
}
