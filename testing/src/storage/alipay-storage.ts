import type { StorageLimits } from '../profiles/platform-profile'
import type {
  AlipayCallbacks,
  AlipayFailure,
  AlipayStorageInfo,
  AlipayStorageResult,
} from '../types/alipay-types'
import { createStorageCore, onLaterTask } from './storage-core'

/** The storage half of Alipay's `my`: every call takes an object. */
export interface AlipayStorage {
  /** What is stored, as JSON text per key (tests may read it). */
  readonly entries: ReadonlyMap<string, string>
  getStorageSync(options: { key: string }): { data: unknown }
  setStorageSync(options: { key: string; data: unknown }): AlipayStorageResult
  removeStorageSync(options: { key: string }): AlipayStorageResult
  clearStorageSync(): AlipayStorageResult
  getStorageInfoSync(): AlipayStorageInfo
  getStorage(options: { key: string } & AlipayCallbacks<{ data: unknown }>): void
  setStorage(options: { key: string; data: unknown } & AlipayCallbacks<{ success: true }>): void
  removeStorage(options: { key: string } & AlipayCallbacks<{ success: true }>): void
}

const OK = Object.freeze({ success: true as const })

/**
 * Alipay's storage (AlipayDocs/open-docs, `mini/api/基础API/缓存/my.setStorageSync.md`): a
 * missing key reads as `{ data: null }`; a write past a limit is not thrown but returned:
 * error 14 (data长度超限, one key past 200 KB), 12 (存储总大小达到上限, past 10 MB), 11 (invalid
 * params). Android adds `success: false`, iOS and the IDE return only `{ error, errorMessage }`
 * (the my.setStorageSync page, mirrored at https://5851388.com/macog0du): the runtime returns
 * the iOS shape, which code that only checks `success === false` misses.
 */
export function createAlipayStorage(limits: StorageLimits): AlipayStorage {
  const core = createStorageCore(limits)
  function set(key: unknown, data: unknown): AlipayStorageResult {
    if (typeof key !== 'string' || key === '') return { error: 11, errorMessage: 'invalid params' }
    const refusal = core.set(key, data)
    if (refusal === 'item') return { error: 14, errorMessage: 'data长度超限' }
    if (refusal === 'total') return { error: 12, errorMessage: '存储总大小达到上限' }
    return OK
  }
  const get = (key: string) => ({ data: core.get(key) ?? null })
  function later<R>(o: AlipayCallbacks<R>, work: () => R | AlipayFailure): void {
    onLaterTask(() => {
      const result = work()
      if (typeof (result as AlipayFailure).error === 'number') {
        o.fail?.(result as AlipayFailure)
      } else o.success?.(result as R)
      o.complete?.(result)
    })
  }
  return {
    entries: core.entries,
    getStorageSync: ({ key }) => get(key),
    setStorageSync: ({ key, data }) => set(key, data),
    removeStorageSync({ key }) {
      core.remove(key)
      return OK
    },
    clearStorageSync() {
      core.clear()
      return OK
    },
    getStorageInfoSync: core.info,
    getStorage: (o) => later(o, () => get(o.key)),
    setStorage: (o) => later(o, () => set(o.key, o.data) as { success: true } | AlipayFailure),
    removeStorage: (o) =>
      later(o, () => {
        core.remove(o.key)
        return OK
      }),
  }
}
