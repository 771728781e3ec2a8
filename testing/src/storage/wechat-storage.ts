import type { WxCallbacks, WxStorageInfo } from '../types/wechat-types'

/** WeChat's storage limits: 1 MB per key, 10 MB for the whole mini-program. */
export const WX_STORAGE_LIMITS = Object.freeze({
  maxItemBytes: 1024 * 1024,
  maxTotalBytes: 10 * 1024 * 1024,
})

/** Options of {@link createWxStorage}. */
export interface WxStorageOptions {
  /** Per-key limit in bytes (key and JSON of the value). Default 1 MB. */
  maxItemBytes?: number
  /** Limit of all keys together, in bytes. Default 10 MB. */
  maxTotalBytes?: number
}

/** The storage half of `wx`, sync and callback styles, backed by a `Map`. */
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

const bytes = (text: string): number => Buffer.byteLength(text)

/**
 * A storage with WeChat's behaviour: values are copied (JSON), a missing key reads as `''`, and
 * a write past the per-key or total limit throws (sync) or calls `fail` (callback style) and
 * keeps the old value. The error texts follow what WeChat reports.
 */
export function createWxStorage(options: WxStorageOptions = {}): WxStorage {
  const maxItemBytes = options.maxItemBytes ?? WX_STORAGE_LIMITS.maxItemBytes
  const maxTotalBytes = options.maxTotalBytes ?? WX_STORAGE_LIMITS.maxTotalBytes
  const entries = new Map<string, string>()
  const size = (key: string, json: string): number => bytes(key) + bytes(json)
  let total = 0

  function set(api: string, key: string, data: unknown): void {
    if (typeof key !== 'string' || key === '') throw new Error(`${api}:fail parameter error: key`)
    const json = JSON.stringify(data === undefined ? null : data)
    const item = size(key, json)
    if (item > maxItemBytes) throw new Error(`${api}:fail exceed storage item max length`)
    const old = entries.get(key)
    const next = total - (old === undefined ? 0 : size(key, old)) + item
    if (next > maxTotalBytes) throw new Error(`${api}:fail:entry size limit reached`)
    entries.set(key, json)
    total = next
  }
  function get(key: string): unknown {
    const json = entries.get(key)
    return json === undefined ? '' : (JSON.parse(json) as unknown)
  }
  function remove(key: string): void {
    const old = entries.get(key)
    if (old !== undefined) total -= size(key, old)
    entries.delete(key)
  }
  // Callback style: the answer comes on a later tick, as on a device. (setTimeout: jsdom
  // environments have no setImmediate.)
  function later<R>(o: WxCallbacks<R>, api: string, work: () => R): void {
    setTimeout(() => {
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
    }, 0)
  }

  return {
    entries,
    getStorageSync: get,
    setStorageSync: (key, data) => set('setStorageSync', key, data),
    removeStorageSync: remove,
    clearStorageSync() {
      entries.clear()
      total = 0
    },
    getStorageInfoSync: () => ({
      keys: [...entries.keys()],
      currentSize: Math.ceil(total / 1024),
      limitSize: Math.floor(maxTotalBytes / 1024),
    }),
    getStorage: (o) =>
      later(o, 'getStorage', () => {
        if (!entries.has(o.key)) throw new Error('getStorage:fail data not found')
        return { data: get(o.key), errMsg: 'getStorage:ok' }
      }),
    setStorage: (o) =>
      later(o, 'setStorage', () => {
        set('setStorage', o.key, o.data)
        return { errMsg: 'setStorage:ok' }
      }),
    removeStorage: (o) =>
      later(o, 'removeStorage', () => {
        remove(o.key)
        return { errMsg: 'removeStorage:ok' }
      }),
  }
}
