import type { WxLoginOptions, WxLoginResult } from './types'

/** Where `wx.login` gets its codes: the server's dev WeChat stand-in, or a function. */
export type WxCodeSource =
  | {
      /** The stand-in's base, e.g. `http://127.0.0.1:3000/__dev/wechat`. */
      standInUrl: string
      /** The WeChat user: the same openid logs in as the same user. Default: a new user per code. */
      openid?: string
    }
  | (() => string | Promise<string>)

/** Ask the stand-in for a single-use code (`POST <standInUrl>/codes`), as `wx.login` would get one. */
export async function mintCode(standInUrl: string, openid?: string): Promise<string> {
  const response = await fetch(`${standInUrl.replace(/\/+$/, '')}/codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(openid === undefined ? {} : { openid }),
  })
  const body = (await response.json()) as { code?: unknown }
  if (!response.ok || typeof body.code !== 'string') {
    throw new Error(`the WeChat stand-in answered ${response.status}`)
  }
  return body.code
}

/** `wx.login`: a fresh code from `source` in `success`, or `fail` with `login:fail <reason>`. */
export function createWxLogin(
  source: WxCodeSource,
  deliver: (callback: () => void) => void,
  count: () => void,
): (options?: WxLoginOptions) => void {
  return (o = {}) => {
    count()
    const code = Promise.resolve().then(() =>
      typeof source === 'function' ? source() : mintCode(source.standInUrl, source.openid),
    )
    code.then(
      (value) => {
        const result: WxLoginResult = { code: value, errMsg: 'login:ok' }
        deliver(() => {
          o.success?.(result)
          o.complete?.(result)
        })
      },
      (error: unknown) => {
        const failure = { errMsg: `login:fail ${error instanceof Error ? error.message : error}` }
        deliver(() => {
          o.fail?.(failure)
          o.complete?.(failure)
        })
      },
    )
  }
}
