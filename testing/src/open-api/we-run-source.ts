import { postToStandIn, refusalOf } from '../login/stand-in-post'

/** What `wx.getWeRunData` hands the mini-program: the encrypted steps, and `cloudID` with cloud development. */
export interface WeRunData {
  encryptedData: string
  iv: string
  cloudID?: string
}

/**
 * Where `wx.getWeRunData` gets its data: a WeChat stand-in that encrypts the user's steps with
 * their current session_key (`POST <standInUrl>/werun`), or a function.
 */
export type WeRunSource =
  | {
      /** The stand-in's base, e.g. `http://127.0.0.1:3000/__dev/wechat`. */
      standInUrl: string
      /** The WeChat user whose steps these are: they must have logged in at the stand-in. */
      openid: string
    }
  | (() => WeRunData | Promise<WeRunData>)

/** Ask the stand-in for a user's last 30 days of steps, as `wx.getWeRunData` would get them. */
export async function mintWeRunData(standInUrl: string, openid: string): Promise<WeRunData> {
  const reply = await postToStandIn(standInUrl, '/werun', { openid })
  const { encryptedData, iv } = (reply.body ?? {}) as Partial<Record<string, unknown>>
  if (reply.status === 200 && typeof encryptedData === 'string' && typeof iv === 'string') {
    return { encryptedData, iv }
  }
  throw refusalOf(reply)
}

/** Fresh data from `source`, checked to be `{ encryptedData, iv }` strings. */
export async function weRunDataFrom(source: WeRunSource): Promise<WeRunData> {
  const data =
    typeof source === 'function'
      ? await source()
      : await mintWeRunData(source.standInUrl, source.openid)
  const { encryptedData, iv, cloudID } = (data ?? {}) as unknown as Partial<Record<string, unknown>>
  if (typeof encryptedData !== 'string' || typeof iv !== 'string') {
    throw new Error('the weRun source gave no { encryptedData, iv } strings')
  }
  return typeof cloudID === 'string' ? { encryptedData, iv, cloudID } : { encryptedData, iv }
}
