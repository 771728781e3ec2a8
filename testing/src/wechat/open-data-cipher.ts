import { createCipheriv, randomBytes } from 'node:crypto'

/** What WeChat hands the mini-program for open data: ciphertext and IV, both base64. */
export interface EncryptedOpenData {
  encryptedData: string
  iv: string
}

/**
 * Encrypt `data` as WeChat encrypts open data
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html):
 * AES-128-CBC with PKCS#7 padding, the key being `Base64_Decode(session_key)` (16 bytes), a
 * random 16-byte IV; the plaintext is the JSON of `data`.
 */
export function encryptOpenData(sessionKey: string, data: unknown): EncryptedOpenData {
  const iv = randomBytes(16)
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv)
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()])
  return { encryptedData: encrypted.toString('base64'), iv: iv.toString('base64') }
}

/** One day of `wx.getWeRunData`'s `stepInfoList`: its start (seconds) and its steps. */
export interface WeRunStep {
  timestamp: number
  step: number
}

/**
 * Thirty days of steps ending today, each day's timestamp its midnight in China (UTC+8), as
 * `wx.getWeRunData` gives "the past 30 days".
 */
export function lastThirtyDays(nowMs: number): WeRunStep[] {
  const dayMs = 86_400_000
  const offsetMs = 8 * 3_600_000
  const todayStart = Math.floor((nowMs + offsetMs) / dayMs) * dayMs - offsetMs
  return Array.from({ length: 30 }, (_, index) => ({
    timestamp: (todayStart - (29 - index) * dayMs) / 1000,
    step: 1_000 + ((index * 7_919) % 12_000),
  }))
}
