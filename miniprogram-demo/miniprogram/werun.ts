import { HttpError, type ClientResponse } from '@header-session/client-sdk'
import { api } from './api'
import { config } from './config'
import { devWeRunData, type WeRunData } from './dev-stand-in'

/** One day of WeRun: its start (seconds; midnight where the user is) and the steps walked. */
export interface WeRunStep {
  timestamp: number
  step: number
}

const DAY_MS = 86_400_000

/** `wx.getWeRunData` as a promise (it has no Promise style); fails with WeChat's `errMsg`. */
function wxWeRunData(): Promise<WeRunData> {
  return new Promise((resolve, reject) =>
    wx.getWeRunData({
      success: ({ encryptedData, iv }) => resolve({ encryptedData, iv }),
      fail: ({ errMsg }) => reject(new Error(`WeChat gave no steps (${errMsg})`)),
    }),
  )
}

/**
 * The steps as WeChat encrypts them for the user's current session_key: `wx.getWeRunData`, or
 * with `config.devOpenid` the dev stand-in's, which the stand-in's server can read.
 */
function weRunData(): Promise<WeRunData> {
  const openid = config.devOpenid
  return openid === null ? wxWeRunData() : devWeRunData(openid)
}

/** Does the answer say the server's session_key cannot read the data? */
function staleSessionKey({ status, data }: ClientResponse): boolean {
  const code = (data as { error?: { code?: unknown } } | null)?.error?.code
  return (
    (status === 400 && code === 'WECHAT_DATA_INVALID') ||
    (status === 401 && code === 'WECHAT_SESSION_KEY_MISSING')
  )
}

/**
 * The user's WeRun steps through the server (`POST /api/me/werun`), after the SDK README's
 * recipe: `checkSession()` first (a login when `wx.checkSession` says the session_key went
 * stale, so that the server holds the current one), then the data, encrypted with that key.
 * When the server cannot read it all the same (another `wx.login` replaced the key), log in
 * once, get the data again and retry once, never in a loop.
 *
 * @throws HttpError for any other refusal; the SDK's errors as they come.
 */
export async function weRunSteps(): Promise<WeRunStep[]> {
  const client = api()
  await client.checkSession()
  const send = async () =>
    client.post<{ steps: WeRunStep[] }>('/api/me/werun', await weRunData(), {
      auth: true,
      throwHttpErrors: false,
    })
  let response = await send()
  if (staleSessionKey(response)) {
    await client.login()
    response = await send()
  }
  if (!response.ok) {
    throw new HttpError(response.status, response.data, { method: 'POST', url: '/api/me/werun' })
  }
  return response.data.steps
}

/** Today's steps: those of the latest day, when it began within the last 24 hours; else 0. */
export function stepsToday(steps: readonly WeRunStep[], nowMs: number): number {
  const latest = steps.reduce<WeRunStep | undefined>(
    (last, day) => (!last || day.timestamp > last.timestamp ? day : last),
    undefined,
  )
  return latest && nowMs - latest.timestamp * 1000 < DAY_MS ? latest.step : 0
}
