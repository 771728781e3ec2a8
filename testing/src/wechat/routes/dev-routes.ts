import { isWechatApiName, WECHAT_APIS } from '../api-calls'
import {
  encryptOpenData,
  lastThirtyDays,
  type EncryptedOpenData,
  type WeRunStep,
} from '../open-data-cipher'
import { devError, json, readDevBody } from '../stand-in-request'
import type { StandInAnswer, StandInRequest } from '../stand-in-request'
import type { StandInState } from '../stand-in-state'
import { OPENID } from './login-routes'

/** At most this many days of steps in one `/werun` call (WeChat gives 30). */
const MAX_STEP_DAYS = 31

/**
 * `data` with WeChat's watermark `{ timestamp, appid }`, encrypted with the user's current
 * session_key; null when `openid` never logged in.
 */
export function openDataFor(
  state: StandInState,
  openid: string,
  data: Record<string, unknown>,
): EncryptedOpenData | null {
  const user = state.users.find(openid)
  if (!user) return null
  const watermark = { timestamp: Math.floor(state.now() / 1000), appid: state.appId }
  return encryptOpenData(user.sessionKey, { ...data, watermark })
}

/**
 * `wx.getWeRunData`'s open data (https://developers.weixin.qq.com/miniprogram/dev/api/open-api/werun/wx.getWeRunData.html):
 * `{ stepInfoList: [{ timestamp, step }], watermark }`, the last 30 days unless `steps` is given.
 */
export function weRunDataFor(
  state: StandInState,
  openid: string,
  steps?: readonly WeRunStep[],
): EncryptedOpenData | null {
  const stepInfoList = steps
    ? steps.map(({ timestamp, step }) => ({ timestamp, step }))
    : lastThirtyDays(state.now())
  return openDataFor(state, openid, { stepInfoList })
}

function readSteps(value: unknown): WeRunStep[] | string {
  if (!Array.isArray(value) || value.length > MAX_STEP_DAYS) {
    return `expected an array of at most ${MAX_STEP_DAYS} { timestamp, step }`
  }
  const steps: WeRunStep[] = []
  for (const item of value as unknown[]) {
    const { timestamp, step } = (typeof item === 'object' && item !== null ? item : {}) as Record<
      string,
      unknown
    >
    if (
      !Number.isSafeInteger(timestamp) ||
      (timestamp as number) < 0 ||
      !Number.isSafeInteger(step) ||
      (step as number) < 0
    ) {
      return 'expected { timestamp, step } with integers ≥ 0'
    }
    steps.push({ timestamp: timestamp as number, step: step as number })
  }
  return steps
}

/** `POST /werun` `{ openid, steps? }` → `{ encryptedData, iv }`, as `wx.getWeRunData` gives. */
export async function weRun(state: StandInState, request: StandInRequest): Promise<StandInAnswer> {
  const read = await readDevBody(request)
  if ('refused' in read) return read.refused
  const { openid, steps } = read.fields
  const fields: Record<string, string> = {}
  if (typeof openid !== 'string' || !OPENID.test(openid))
    fields.openid = 'expected 1 to 64 letters, digits, - or _'
  const parsedSteps = steps === undefined ? undefined : readSteps(steps)
  if (typeof parsedSteps === 'string') fields.steps = parsedSteps
  if (Object.keys(fields).length > 0) {
    return devError(400, 'VALIDATION_FAILED', 'Invalid WeRun request', fields)
  }
  const data = weRunDataFor(state, openid as string, parsedSteps as WeRunStep[] | undefined)
  if (!data) return devError(404, 'UNKNOWN_OPENID', 'No user has logged in with this openid')
  return json(200, data)
}

/** `GET /stats` → how many times each WeChat API was called. */
export async function stats(state: StandInState): Promise<StandInAnswer> {
  return json(200, state.calls.stats())
}

/** `POST /busy` `{ api, busy }`: the API answers -1 "system error" while busy. */
export async function setBusy(
  state: StandInState,
  request: StandInRequest,
): Promise<StandInAnswer> {
  const read = await readDevBody(request)
  if ('refused' in read) return read.refused
  const { api, busy } = read.fields
  const fields: Record<string, string> = {}
  if (!isWechatApiName(api)) fields.api = `expected one of ${WECHAT_APIS.join(', ')}`
  if (typeof busy !== 'boolean') fields.busy = 'expected true or false'
  if (Object.keys(fields).length > 0) {
    return devError(400, 'VALIDATION_FAILED', 'Invalid busy request', fields)
  }
  state.calls.setBusy(api as (typeof WECHAT_APIS)[number], busy as boolean)
  return json(200, { api, busy })
}
