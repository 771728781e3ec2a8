import type { Storage } from '../core/types'

/** Alipay's storage API: object arguments, `{ data }` results. */
export interface AlipayStorageApi {
  getStorageSync(options: { key: string }): { data?: unknown } | null | undefined
  setStorageSync(options: { key: string; data: string }): unknown
  removeStorageSync(options: { key: string }): unknown
}

// Alipay reports some failures in the result object rather than by throwing.
function check(result: unknown): void {
  if (result && typeof result === 'object' && (result as { success?: unknown }).success === false) {
    throw result
  }
}

/** A storage over `my.getStorageSync({ key })` and its siblings. */
export function createAlipayMiniStorage(api: AlipayStorageApi): Storage {
  return {
    get(key) {
      const result = api.getStorageSync({ key })
      const value = result && result.data
      return typeof value === 'string' && value ? value : null
    },
    set: (key, data) => check(api.setStorageSync({ key, data })),
    remove: (key) => check(api.removeStorageSync({ key })),
  }
}
