import { createMemoryStorage, type Client } from '@header-session/client-sdk'
import { createWxClient, createWxLogin } from '@header-session/client-sdk/wx'
import { config } from './config'

let client: Client | undefined

/** A code for `config.devOpenid` from the server's dev WeChat stand-in, as `wx.login` would give. */
async function devCode(openid: string): Promise<string> {
  // A client of its own, with no login and a memory storage: it never sees the session token.
  const standIn = createWxClient({
    baseURL: config.apiBaseURL,
    login: undefined,
    storage: createMemoryStorage(),
  })
  const { data } = await standIn.post<{ code: string }>('/__dev/wechat/codes', { openid })
  return data.code
}

/**
 * The app's one SDK client, made at the first call from `config`: `wx.request` (10 at once),
 * the token in wx storage, and a login that posts a code to `/api/auth/login` with a device
 * label. Calls with `{ auth: true }` log in first when there is no session, and once more after
 * a 401 `SESSION_EXPIRED`.
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
