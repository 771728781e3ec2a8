import { SessionKeyMissingError, WechatDataInvalidError } from '../errors'
import { decryptOpenData } from '../wechat/open-data'
import { sessionKeyOf } from '../wechat/session-key'
import { requireLogin } from './require-login'
import type { AppRouter, RouteDeps } from './route-deps'
import { FieldErrors, readBody } from './validate'

/** One day of WeRun: its start (seconds, midnight in China) and the steps walked. */
export interface WeRunStep {
  timestamp: number
  step: number
}

/** Base64 of 30 days of steps is about 2 KB; the body limit (64 KiB) caps it anyway. */
const MAX_ENCRYPTED_CHARACTERS = 32_768
/** Base64 of 16 bytes. */
const MAX_IV_CHARACTERS = 64

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

/** `stepInfoList` of decrypted WeRun data, each item reduced to its two numbers. */
function stepsOf(data: Record<string, unknown>): WeRunStep[] {
  const list = data.stepInfoList
  const steps = Array.isArray(list)
    ? (list as unknown[]).map((item) => {
        const { timestamp, step } = (item ?? {}) as Record<string, unknown>
        return isCount(timestamp) && isCount(step) ? { timestamp, step } : null
      })
    : null
  if (steps === null || steps.some((step) => step === null)) {
    throw new WechatDataInvalidError('json', 'the data is not WeRun data (stepInfoList)')
  }
  return steps as WeRunStep[]
}

/**
 * `POST /me/werun` `{ encryptedData, iv }`, as `wx.getWeRunData` gives them
 * (https://developers.weixin.qq.com/miniprogram/dev/api/open-api/werun/wx.getWeRunData.html):
 * decrypted with the session's `session_key` (kept at login), its watermark checked against
 * our appid, answered as `{ steps: [{ timestamp, step }] }`. Data encrypted under another key
 * (a later `wx.login` replaced it, or it came before this session's login), tampered with or
 * of another app answers 400 `WECHAT_DATA_INVALID`; a session without a key 401
 * `WECHAT_SESSION_KEY_MISSING`. Either way the client logs in again, gets the data again and
 * retries once.
 */
export function registerWeRunRoutes(router: AppRouter, deps: RouteDeps): void {
  router.post('/me/werun', (ctx) => {
    requireLogin(ctx)
    const { encryptedData, iv } = readBody(ctx)
    const errors = new FieldErrors()
    if (
      typeof encryptedData !== 'string' ||
      encryptedData === '' ||
      encryptedData.length > MAX_ENCRYPTED_CHARACTERS
    ) {
      errors.add('encryptedData', "expected wx.getWeRunData's encryptedData (base64)")
    }
    if (typeof iv !== 'string' || iv === '' || iv.length > MAX_IV_CHARACTERS) {
      errors.add('iv', "expected wx.getWeRunData's iv (base64)")
    }
    errors.throwIfAny()
    const sessionKey = sessionKeyOf(ctx)
    if (sessionKey === undefined) throw new SessionKeyMissingError()
    const data = decryptOpenData({
      encryptedData: encryptedData as string,
      iv: iv as string,
      sessionKey,
      appId: deps.wechat(ctx).appId,
    })
    ctx.body = { steps: stepsOf(data) }
  })
}
