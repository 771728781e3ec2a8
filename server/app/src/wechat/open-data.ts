import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto'
import { TextDecoder } from 'node:util'
import { WechatDataInvalidError } from '../errors'

/** What the client sends of open data (`wx.getWeRunData`, share info...) and what checks it. */
export interface OpenDataInput {
  /** `encryptedData` as the mini-program got it: base64. */
  encryptedData: string
  /** `iv` as the mini-program got it: base64 of 16 bytes. */
  iv: string
  /** The user's session_key from the latest `jscode2session`: base64 of 16 bytes. */
  sessionKey: string
  /** Our appid: the data's `watermark.appid` must be it. */
  appId: string
}

/** WeChat's watermark on open data: when it was produced and for which app. */
export interface OpenDataWatermark {
  timestamp: number
  appid: string
}

/** Decrypted open data: WeChat's fields, and the watermark. */
export type OpenData = Record<string, unknown> & { watermark: OpenDataWatermark }

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
// `fatal`: bytes that are not UTF-8 fail the check instead of becoming U+FFFD.
const UTF8 = new TextDecoder('utf-8', { fatal: true })
const BLOCK_BYTES = 16

/** The bytes of a base64 field, or the format check's failure naming the field. */
function base64Bytes(field: string, value: unknown, length?: number): Buffer {
  const text = typeof value === 'string' ? value : ''
  const bytes = BASE64.test(text) && text.length % 4 === 0 ? Buffer.from(text, 'base64') : null
  if (!bytes || bytes.length === 0 || (length !== undefined && bytes.length !== length)) {
    const expected = length === undefined ? 'base64' : `base64 of ${length} bytes`
    throw new WechatDataInvalidError('format', `${field} is not ${expected}`)
  }
  return bytes
}

/** `plain` without its PKCS#7 padding, every padding byte checked. */
function unpad(plain: Buffer): Buffer {
  const padding = plain[plain.length - 1] ?? 0
  let bad = padding < 1 || padding > BLOCK_BYTES ? 1 : 0
  // Every byte is looked at whatever the first mismatch, so the time says little.
  for (let i = 1; i <= BLOCK_BYTES; i++) {
    const byte = plain[plain.length - i] ?? 0
    if (i <= padding && byte !== padding) bad = 1
  }
  if (bad) {
    throw new WechatDataInvalidError(
      'padding',
      'the padding is not PKCS#7 (a stale session_key, or tampered data)',
    )
  }
  return plain.subarray(0, plain.length - padding)
}

/**
 * Decrypt open data as WeChat documents it
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html):
 * AES-128-CBC, key `Base64_Decode(session_key)` (16 bytes), IV `Base64_Decode(iv)`, PKCS#7
 * padding (checked here byte by byte), the plaintext UTF-8 JSON of an object whose
 * `watermark.appid` must be `appId`. CBC carries no integrity of its own: the padding, the JSON
 * and the watermark are the checks there are. Data encrypted with an older session_key fails
 * the padding or the JSON check.
 *
 * @throws WechatDataInvalidError with `check` `format` (a field is not base64 of the right
 *   size), `padding`, `json` (not UTF-8 JSON of an object) or `watermark` (missing, or for
 *   another appid). The message never quotes the data or the key.
 * @example
 * const { stepInfoList } = decryptOpenData({ encryptedData, iv, sessionKey, appId })
 */
export function decryptOpenData(input: OpenDataInput): OpenData {
  const key = base64Bytes('sessionKey', input.sessionKey, 16)
  const iv = base64Bytes('iv', input.iv, 16)
  const encrypted = base64Bytes('encryptedData', input.encryptedData)
  if (encrypted.length % BLOCK_BYTES !== 0) {
    throw new WechatDataInvalidError('format', 'encryptedData is not whole AES blocks')
  }
  const decipher = createDecipheriv('aes-128-cbc', key, iv)
  decipher.setAutoPadding(false)
  const plain = unpad(Buffer.concat([decipher.update(encrypted), decipher.final()]))

  let data: unknown
  try {
    data = JSON.parse(UTF8.decode(plain))
  } catch {
    throw new WechatDataInvalidError(
      'json',
      'the plaintext is not UTF-8 JSON (a stale session_key, or tampered data)',
    )
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new WechatDataInvalidError('json', 'the plaintext is not a JSON object')
  }
  const watermark = (data as { watermark?: unknown }).watermark as
    Partial<OpenDataWatermark> | undefined
  if (typeof watermark !== 'object' || watermark === null || typeof watermark.appid !== 'string') {
    throw new WechatDataInvalidError('watermark', 'the data has no watermark')
  }
  if (watermark.appid !== input.appId) {
    throw new WechatDataInvalidError('watermark', "the watermark's appid is not this app's")
  }
  return data as OpenData
}

const SHA1_HEX = /^[0-9a-f]{40}$/

/**
 * Check the signature WeChat puts on plain open data (`wx.getUserInfo`'s `rawData`...):
 * `signature = sha1(rawData + session_key)` in hex, compared in constant time.
 *
 * @throws WechatDataInvalidError (`check: 'signature'`) when it does not match, or is not 40
 *   hex characters.
 */
export function checkSignature(rawData: string, signature: string, sessionKey: string): void {
  const given = typeof signature === 'string' ? signature.toLowerCase() : ''
  if (!SHA1_HEX.test(given)) {
    throw new WechatDataInvalidError('signature', 'the signature is not 40 hex characters')
  }
  const expected = createHash('sha1')
    .update(rawData + sessionKey, 'utf8')
    .digest()
  if (!timingSafeEqual(Buffer.from(given, 'hex'), expected)) {
    throw new WechatDataInvalidError(
      'signature',
      'the signature does not match (a stale session_key, or tampered data)',
    )
  }
}
