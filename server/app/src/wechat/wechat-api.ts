import type { AccessTokenProvider } from './access-token'
import { checkSessionKey } from './check-session-key'
import { msgSecCheck, type MsgSecCheckInput, type MsgSecCheckResult } from './msg-sec-check'
import { getPhoneNumber, type PhoneNumber } from './phone-number'
import type { WechatClient } from './wechat-client'

/** Options of `createWechatApi`. */
export interface WechatApiOptions {
  appId: string
  /** The app's access_token provider (`createAccessTokenProvider`). */
  tokens: AccessTokenProvider
  /** WeChat's API base without a trailing slash, e.g. `https://api.weixin.qq.com`. */
  apiBase: string
  /** Deadline of one call. Default 5000. */
  timeoutMs?: number
}

/** WeChat's user APIs that take an access_token, each refreshing it once when WeChat rejects it. */
export interface WechatApi {
  /** See `getPhoneNumber` in `phone-number.ts`. */
  getPhoneNumber(code: string): Promise<PhoneNumber>
  /** See `msgSecCheck` in `msg-sec-check.ts`. */
  msgSecCheck(input: MsgSecCheckInput): Promise<MsgSecCheckResult>
  /** See `checkSessionKey` in `check-session-key.ts`. */
  checkSessionKey(openid: string, sessionKey: string): Promise<boolean>
}

/**
 * The user APIs of WeChat on one provider. Their errcodes become `WechatApiError`s with the
 * stable codes of the README's "WeChat APIs" table.
 *
 * @example
 * const wechatApi = createWechatApi({ appId, tokens, apiBase })
 * const { purePhoneNumber } = await wechatApi.getPhoneNumber(code)
 */
export function createWechatApi(options: WechatApiOptions): WechatApi {
  const timeoutMs = options.timeoutMs ?? 5_000
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`timeoutMs: expected a positive integer, got ${String(timeoutMs)}`)
  }
  const client: WechatClient = {
    appId: options.appId,
    tokens: options.tokens,
    apiBase: options.apiBase.replace(/\/+$/, ''),
    timeoutMs,
  }
  return {
    getPhoneNumber: (code) => getPhoneNumber(client, code),
    msgSecCheck: (input) => msgSecCheck(client, input),
    checkSessionKey: (openid, sessionKey) => checkSessionKey(client, openid, sessionKey),
  }
}
