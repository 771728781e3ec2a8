/**
 * `@header-session/testing`: mini-program platforms on Node for tests (`wx`, Alipay's `my`,
 * `tt`, `qq`, `swan`), over real HTTP, with each platform's documented behaviour. No
 * dependency beyond Node.
 */

// Runtimes
export { createMiniRuntime, createWxRuntime, type WxRuntimeOptions } from './create-mini-runtime'
export { DEFAULT_RUNTIME_OPTIONS, type AppJson, type MiniRuntimeOptions } from './runtime-options'
export type {
  AlipayRuntime,
  MiniRuntime,
  RuntimeControl,
  RuntimeStats,
  WxControl,
  WxRuntime,
} from './runtime-types'

// Platforms
export { PROFILES } from './profiles/index'
export type {
  FailureReason,
  MiniPlatform,
  NetworkApi,
  PlatformProfile,
  RequestHeadersEvent,
  StorageLimits,
} from './profiles/platform-profile'

// Login codes
export { mintCode, type CodeSource, type WxCodeSource } from './login/code-source'

// WeChat's open data: wx.getWeRunData's source
export { mintWeRunData, type WeRunData, type WeRunSource } from './open-api/we-run-source'

// Errors
export { MiniRuntimeError } from './errors/mini-runtime-error'
export { RuntimeOptionsError } from './errors/runtime-options-error'

// Platform shapes
export type { WxStorage } from './storage/wechat-storage'
export type { AlipayStorage } from './storage/alipay-storage'
export type * from './types/wechat-types'
export type * from './types/alipay-types'

// The WeChat stand-in: WeChat's server APIs for development and tests, on any Node or Koa server
export {
  createWechatStandIn,
  DEFAULT_WECHAT_STAND_IN_OPTIONS,
  WECHAT_STAND_IN_PATH,
  type IssueCodeOptions,
  type KoaLikeContext,
  type ListeningStandIn,
  type WechatStandIn,
  type WechatStandInOptions,
} from './wechat/wechat-stand-in'
export { WECHAT_APIS, type WechatApiName, type WechatApiStats } from './wechat/api-calls'
export type { IssuePhoneCodeOptions } from './wechat/phone-code-table'
export type { EncryptedOpenData, WeRunStep } from './wechat/open-data-cipher'
export { derivedUnionId } from './wechat/user-table'
