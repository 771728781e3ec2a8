import type { Storage } from '../core/types'
import type { MiniStorageApi } from './mini-api'

/**
 * A storage over `getStorageSync`/`setStorageSync`/`removeStorageSync` (WeChat and most
 * platforms). WeChat's setter throws past 1 MB per key or 10 MB in total; the client turns that
 * into a `StorageError` and keeps the token in memory.
 */
export function createMiniStorage(api: MiniStorageApi): Storage {
  return {
    get(key) {
      const value = api.getStorageSync(key)
      // A missing key reads as '' on WeChat.
      return typeof value === 'string' && value ? value : null
    },
    set: (key, value) => api.setStorageSync(key, value),
    remove: (key) => api.removeStorageSync(key),
  }
}
