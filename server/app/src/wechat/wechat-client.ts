import type { AccessTokenProvider } from './access-token'

/** What the calls of `wechat-api.ts` need: the token provider and where WeChat is. */
export interface WechatClient {
  /** Our appid (the phone number's watermark must name it). */
  appId: string
  tokens: AccessTokenProvider
  /** Base URL without a trailing slash, e.g. `https://api.weixin.qq.com`. */
  apiBase: string
  /** Deadline of one call. */
  timeoutMs: number
}
