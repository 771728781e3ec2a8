/**
 * A WeChat runtime on Node for tests: `wx.request`, `wx.uploadFile`, `wx.downloadFile`,
 * `wx.login` and storage, with WeChat's semantics. No dependency beyond Node.
 */
export { createWxRuntime, type WxRuntime, type WxRuntimeOptions } from './runtime'
export {
  createWxNetwork,
  type WxNetwork,
  type WxNetworkOptions,
  type WxNetworkStats,
} from './network'
export {
  createWxStorage,
  WX_STORAGE_LIMITS,
  type WxStorage,
  type WxStorageOptions,
} from './storage'
export { mintCode, type WxCodeSource } from './login'
export type * from './types'
