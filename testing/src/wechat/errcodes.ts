import { randomBytes } from 'node:crypto'

/**
 * The `errmsg` WeChat gives with each errcode the stand-in answers, as documented for
 * `code2Session` (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html)
 * and the global return codes; the text of 45011 is WeChat's own, spaces included.
 */
const ERRMSG: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40029: 'invalid code',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40226: 'high risk user blocked',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
}

/** WeChat's refusal body: the errcode and its message, with a request id as WeChat adds. */
export function refusal(errcode: number): { errcode: number; errmsg: string } {
  const rid = `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`
  return { errcode, errmsg: `${ERRMSG[errcode] ?? 'error'}, rid: ${rid}` }
}
