/**
 * A WeChat runtime on Node for tests: `wx.request`, `wx.uploadFile`, `wx.downloadFile`,
 * `wx.login` and storage, with WeChat's semantics. No dependency beyond Node.
 */
export { createWxRuntime, type WxRuntime, type WxRuntimeOptions } from './create-mini-runtime'
export {
  createWxNetwork,
  type WxNetwork,
  type WxNetworkOptions,
  type WxNetworkStats,
} from './network/wechat-network'
export {
  createWxStorage,
  WX_STORAGE_LIMITS,
  type WxStorage,
  type WxStorageOptions,
} from './storage/wechat-storage'
export { mintCode, type WxCodeSource } from './login/code-source'
export type * from './types/wechat-types'
