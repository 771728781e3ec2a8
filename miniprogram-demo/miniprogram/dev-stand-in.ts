import { createMemoryStorage, type Client } from '@header-session/client-sdk'
import { createWxClient } from '@header-session/client-sdk/wx'
import { config } from './config'

/** What `wx.getWeRunData` hands the mini-program (the part the server reads). */
export interface WeRunData {
  encryptedData: string
  iv: string
}

/**
 * A client of its own for the server's dev WeChat stand-in (`/__dev/wechat`), with no login
 * and a memory storage: it never sees the session token.
 */
function standIn(): Client {
  return createWxClient({
    baseURL: config.apiBaseURL,
    login: undefined,
    storage: createMemoryStorage(),
  })
}

/** A code for `openid` from the stand-in, as `wx.login` would give one. */
export async function devCode(openid: string): Promise<string> {
  const { data } = await standIn().post<{ code: string }>('/__dev/wechat/codes', { openid })
  return data.code
}

/**
 * The user's last 30 days of steps from the stand-in, encrypted with their current
 * session_key, as `wx.getWeRunData` would give them: a real `wx.getWeRunData` encrypts with
 * WeChat's key, which the stand-in's server cannot read.
 */
export async function devWeRunData(openid: string): Promise<WeRunData> {
  const { data } = await standIn().post<WeRunData>('/__dev/wechat/werun', { openid })
  return { encryptedData: data.encryptedData, iv: data.iv }
}
