import { randomBytes } from 'node:crypto'

/**
 * The `errmsg` WeChat gives with each errcode the stand-in answers, from the error tables of
 * the APIs it plays (their pages are cited beside each route) and WeChat's global return codes
 * (https://developers.weixin.qq.com/doc/oplatform/developers/errCode/). The text of 45011 is
 * WeChat's own, spaces included. None of them ever carries a token or a key.
 */
const ERRMSG: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  40129: 'invalid scene',
  40163: 'code been used',
  40226: 'high risk user blocked',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  42001: 'access_token expired',
  43002: 'require POST method',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
  61010: 'code is expired',
  87009: 'invalid signature',
}

/** WeChat's refusal body: the errcode and its message, with a request id as WeChat adds. */
export function refusal(errcode: number): { errcode: number; errmsg: string } {
  const rid = `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`
  return { errcode, errmsg: `${ERRMSG[errcode] ?? 'error'}, rid: ${rid}` }
}
