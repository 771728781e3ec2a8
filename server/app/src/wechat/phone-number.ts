import { WechatApiError } from '../errors'
import { errcodeOf, errorOfAnswer } from './wechat-errcodes'
import type { WechatClient } from './wechat-client'
import { callWechat } from './wechat-request'

/** A user's phone number, as WeChat gives it for a code of the phone-number button. */
export interface PhoneNumber {
  /** With the country code for numbers outside China ("国外手机号会有区号"). */
  phoneNumber: string
  /** Without the country code. */
  purePhoneNumber: string
  /** The country calling code, e.g. `'86'`. */
  countryCode: string
  /** When the user tapped the button (seconds) and for which app. */
  watermark: { timestamp: number; appid: string }
}

const API = 'getuserphonenumber'

/**
 * Exchange a code of the phone-number button for the user's number:
 * `POST /wxa/business/getuserphonenumber?access_token=…` `{ code }`
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html).
 * A code works once, for 5 minutes.
 *
 * @throws WechatApiError `WECHAT_CODE_INVALID` (40029: unknown, expired or used),
 *   `WECHAT_CODE_USED` (40163), `WECHAT_RATE_LIMITED` (45011), `WECHAT_BUSY` (-1),
 *   `WECHAT_TOKEN_REJECTED` (40001/42001 again after one refresh), `WECHAT_REFUSED`,
 *   `WECHAT_UNAVAILABLE` (also for an answer without a number, or for another appid).
 */
export async function getPhoneNumber(client: WechatClient, code: string): Promise<PhoneNumber> {
  const answer = await client.tokens.withAccessToken((accessToken) =>
    callWechat({
      api: API,
      apiBase: client.apiBase,
      path: '/wxa/business/getuserphonenumber',
      query: { access_token: accessToken },
      body: { code },
      timeoutMs: client.timeoutMs,
    }),
  )
  if (errcodeOf(answer) !== 0) throw errorOfAnswer(API, answer)
  const info = answer.phone_info as Record<string, unknown> | undefined
  const watermark = info?.watermark as Record<string, unknown> | undefined
  const { phoneNumber, purePhoneNumber, countryCode } = info ?? {}
  if (
    typeof phoneNumber !== 'string' ||
    typeof purePhoneNumber !== 'string' ||
    (typeof countryCode !== 'string' && typeof countryCode !== 'number') ||
    typeof watermark?.timestamp !== 'number' ||
    typeof watermark.appid !== 'string'
  ) {
    throw new WechatApiError('WECHAT_UNAVAILABLE', {
      api: API,
      reason: 'WeChat answered no phone_info',
    })
  }
  if (watermark.appid !== client.appId) {
    throw new WechatApiError('WECHAT_UNAVAILABLE', {
      api: API,
      reason: "WeChat's phone_info is watermarked for another appid",
    })
  }
  return {
    phoneNumber,
    purePhoneNumber,
    // The page's table says string, its example shows a number: either is read.
    countryCode: String(countryCode),
    watermark: { timestamp: watermark.timestamp, appid: watermark.appid },
  }
}
