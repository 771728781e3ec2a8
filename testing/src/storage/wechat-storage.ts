import type { StorageLimits } from '../profiles/platform-profile'
import type { WxCallbacks, WxStorageInfo } from '../types/wechat-types'
import { createStorageCore, onLaterTask, type StorageRefusal } from './storage-core'

/** The storage half of `wx` (and `qq`, `tt`, `swan`), sync and callback styles. */
export interface WxStorage {
  /** What is stored, as JSON text per key (tests may read it). */
  readonly entries: ReadonlyMap<string, string>
  getStorageSync(key: string): unknown
  setStorageSync(key: string, data: unknown): void
  removeStorageSync(key: string): void
  clearStorageSync(): void
  getStorageInfoSync(): WxStorageInfo
  getStorage(options: { key: string } & WxCallbacks<{ data: unknown; errMsg: string }>): void
  setStorage(options: { key: string; data: unknown } & WxCallbacks<{ errMsg: string }>): void
  removeStorage(options: { key: string } & WxCallbacks<{ errMsg: string }>): void
}

/**
 * The words of a refused write. Past the total: `setStorageSync:fail exceed storage max size
 * 10Mb` (tensorflow/tfjs-wechat#52). Past one key's limit WeChat's words are not documented
 * (devices refuse, the simulator does not: jin-yufeng/MpLocalDB#2); the runtime's are its own.
 */
function refusalMessage(api: string, refusal: StorageRefusal, limits: StorageLimits): string {
  if (refusal === 'total') {
    return `${api}:fail exceed storage max size ${Math.round(limits.maxTotalBytes / 1048576)}Mb`
  }
  return `${api}:fail exceed storage item max length`
}

/**
 * WeChat's storage: a missing key reads as `''`; a write past a limit throws an `Error` (sync,
 * "单个 key 允许存储的最大数据长度为 1MB，所有数据存储上限为 10MB", wx.setStorageSync) or calls
 * `fail` with `errMsg` (callback style, on a later task) and keeps the old value.
 */
export function createWxStorage(limits: StorageLimits): WxStorage {
  const core = createStorageCore(limits)
  function set(api: string, key: string, data: unknown): void {
    if (typeof key !== 'string' || key === '') throw new Error(`${api}:fail parameter error: key`)
    const refusal = core.set(key, data)
    if (refusal !== undefined) throw new Error(refusalMessage(api, refusal, limits))
  }
  const get = (key: string): unknown => core.get(key) ?? ''
  function later<R>(o: WxCallbacks<R>, api: string, work: () => R): void {
    onLaterTask(() => {
      let result: R
      try {
        result = work()
      } catch (error) {
        const failure = { errMsg: error instanceof Error ? error.message : `${api}:fail` }
        o.fail?.(failure)
        o.complete?.(failure)
        return
      }
      o.success?.(result)
      o.complete?.(result)
    })
  }
  return {
    entries: core.entries,
    getStorageSync: get,
    setStorageSync: (key, data) => set('setStorageSync', key, data),
    removeStorageSync: core.remove,
    clearStorageSync: core.clear,
    getStorageInfoSync: core.info,
    getStorage: (o) =>
      later(o, 'getStorage', () => {
        if (!core.entries.has(o.key)) throw new Error('getStorage:fail data not found')
        return { data: get(o.key), errMsg: 'getStorage:ok' }
      }),
    setStorage: (o) =>
      later(o, 'setStorage', () => {
        set('setStorage', o.key, o.data)
        return { errMsg: 'setStorage:ok' }
      }),
    removeStorage: (o) =>
      later(o, 'removeStorage', () => {
        core.remove(o.key)
        return { errMsg: 'removeStorage:ok' }
      }),
  }
}
