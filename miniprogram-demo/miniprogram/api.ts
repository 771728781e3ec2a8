import type { Client } from '@header-session/client-sdk'
import { createWxClient, createWxLogin } from '@header-session/client-sdk/wx'
import { config } from './config'
import { devCode } from './dev-stand-in'

let client: Client | undefined

/**
 * The app's one SDK client, made at the first call from `config`: `wx.request` (10 at once),
 * the token in wx storage, and a login that posts a code to `/api/auth/login` with a device
 * label. Calls with `{ auth: true }` log in first when there is no session, and once more after
 * a 401 `SESSION_EXPIRED`. `checkSession()` asks `wx.checkSession`.
 */
export function api(): Client {
  if (!client) {
    const openid = config.devOpenid
    client = createWxClient({
      baseURL: config.apiBaseURL,
      login: createWxLogin({
        headers: { 'Cache-Control': 'no-store', 'X-Client-Device': 'WeChat mini-program' },
        ...(openid === null ? {} : { getCode: () => devCode(openid) }),
      }),
    })
  }
  return client
}
