import type { Storage } from '../core/types'

/** Alipay's storage API: object arguments, `{ data }` results. */
export interface AlipayStorageApi {
  getStorageSync(options: { key: string }): { data?: unknown } | null | undefined
  setStorageSync(options: { key: string; data: string }): unknown
  removeStorageSync(options: { key: string }): unknown
}

// Alipay reports some failures in the result object rather than by throwing: `success: false`
// (Android), or only `{ error, errorMessage }` (iOS and the IDE), e.g. error 12 (存储总大小达到上限)
// for a full storage (Alipay's my.setStorageSync page, AlipayDocs/open-docs
// `mini/api/基础API/缓存/my.setStorageSync.md`).
function check(result: unknown): void {
  const outcome = (result || {}) as { success?: unknown; error?: unknown }
  if (outcome.success === false || outcome.error !== undefined) throw result
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
