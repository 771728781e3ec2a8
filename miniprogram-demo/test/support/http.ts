import * as http from 'node:http'
import { serverURL } from './server-url'

/** An answer of {@link send}. */
export interface Answer {
  status: number
  /** The `X-Header-Session` response header, when there is one. */
  token: string | undefined
  body: unknown
}

/**
 * One JSON request to the test server over `node:http` (the jsdom environment has no `fetch`),
 * playing another device or WeChat itself.
 */
export function send(
  method: string,
  path: string,
  options: { json?: unknown; token?: string; device?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (options.token) headers['X-Header-Session'] = options.token
  if (options.device) headers['X-Client-Device'] = options.device
  return new Promise((resolve, reject) => {
    const req = http.request(serverURL() + path, { method, headers }, (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString()))
      res.on('end', () => {
        const token = res.headers['x-header-session']
        resolve({
          status: res.statusCode ?? 0,
          token: typeof token === 'string' ? token : undefined,
          body: text ? (JSON.parse(text) as unknown) : null,
        })
      })
    })
    req.on('error', reject)
    req.end(options.json === undefined ? undefined : JSON.stringify(options.json))
  })
}

/** A code for `openid` from the server's WeChat stand-in, as `wx.login` would give one. */
export async function standInCode(openid: string): Promise<string> {
  const { body } = await send('POST', '/__dev/wechat/codes', { json: { openid } })
  return (body as { code: string }).code
}

/** Logs `openid` in on another device; resolves with that device's token. */
export async function loginElsewhere(openid: string, device: string): Promise<string> {
  const code = await standInCode(openid)
  const { token } = await send('POST', '/api/auth/login', { json: { code }, device })
  if (!token) throw new Error('the login gave no token')
  return token
}

/**
 * A code of the phone-number button for `phoneNumber`, from the server's stand-in: what
 * `bindgetphonenumber`'s `detail.code` carries.
 */
export async function phoneCode(phoneNumber: string): Promise<string> {
  const { body } = await send('POST', '/__dev/wechat/phone-codes', { json: { phoneNumber } })
  return (body as { code: string }).code
}
