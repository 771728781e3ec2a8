import {
  devError,
  json,
  readDevBody,
  readWechatBody,
  wechat,
  wechatRefusal,
} from '../stand-in-request'
import type { StandInAnswer, StandInRequest } from '../stand-in-request'
import type { StandInState } from '../stand-in-state'
import { tokenErrcode } from './token-routes'

/** A phone number without its country code, as `purePhoneNumber`. */
export const PURE_PHONE_NUMBER = /^\d{4,20}$/
/** A country calling code. */
export const COUNTRY_CODE = /^\d{1,4}$/

const PHONE_BODY_BYTES = 4_096

/** `POST /phone-codes` `{ phoneNumber, countryCode?, errcode? }` → `{ code }`. */
export async function issuePhoneCode(
  state: StandInState,
  request: StandInRequest,
): Promise<StandInAnswer> {
  const read = await readDevBody(request)
  if ('refused' in read) return read.refused
  const { phoneNumber, countryCode, errcode } = read.fields
  const fields: Record<string, string> = {}
  if (typeof phoneNumber !== 'string' || !PURE_PHONE_NUMBER.test(phoneNumber))
    fields.phoneNumber = 'expected 4 to 20 digits, without the country code'
  if (
    countryCode !== undefined &&
    (typeof countryCode !== 'string' || !COUNTRY_CODE.test(countryCode))
  )
    fields.countryCode = 'expected 1 to 4 digits'
  if (errcode !== undefined && !Number.isInteger(errcode)) fields.errcode = 'expected an integer'
  if (Object.keys(fields).length > 0) {
    return devError(400, 'VALIDATION_FAILED', 'Invalid phone code request', fields)
  }
  const code = state.phoneCodes.issue(phoneNumber as string, {
    countryCode: countryCode as string | undefined,
    errcode: errcode as number | undefined,
  })
  return json(200, { code })
}

/**
 * `POST /wxa/business/getuserphonenumber?access_token=…` `{ code }`, as `getPhoneNumber` does
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html):
 * `{ errcode: 0, errmsg: 'ok', phone_info: { phoneNumber, purePhoneNumber, countryCode,
 * watermark: { timestamp, appid } } }`. A code that does not exist, expired or was used is
 * 40029 ("不合法的code（code不存在、已过期或者使用过）"): WeChat has no errcode of its own for a
 * used phone code. -1 when busy, the token's errcodes, and a code's own errcode when issued
 * with one (45011, 40163...).
 */
export async function getPhoneNumber(
  state: StandInState,
  request: StandInRequest,
): Promise<StandInAnswer> {
  state.calls.count('getuserphonenumber')
  if (state.calls.isBusy('getuserphonenumber')) return wechatRefusal(-1)
  const token = tokenErrcode(state, request)
  if (token !== 0) return wechatRefusal(token)
  const read = await readWechatBody(request, PHONE_BODY_BYTES)
  if ('errcode' in read) return wechatRefusal(read.errcode)
  const { code } = read.fields
  if (typeof code !== 'string' || code === '') return wechatRefusal(47001)
  const entry = state.phoneCodes.take(code)
  if (!entry) return wechatRefusal(40029)
  if (entry.errcode !== null) return wechatRefusal(entry.errcode)
  // A number of another country carries its code ("国外手机号会有区号").
  const phoneNumber =
    entry.countryCode === '86'
      ? entry.purePhoneNumber
      : `+${entry.countryCode}${entry.purePhoneNumber}`
  return wechat({
    errcode: 0,
    errmsg: 'ok',
    phone_info: {
      phoneNumber,
      purePhoneNumber: entry.purePhoneNumber,
      countryCode: entry.countryCode,
      watermark: { timestamp: Math.floor(entry.issuedAt / 1000), appid: state.appId },
    },
  })
}
