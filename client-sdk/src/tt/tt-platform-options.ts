/**
 * Options of `tt.request` the SDK passes through
 * (https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/api/network/http/tt-request).
 */
export interface TtPlatformOptions {
  /** The HTTP cache (base library 2.31.0). */
  enableCache?: boolean
}
