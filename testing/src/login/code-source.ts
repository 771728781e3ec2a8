import { postToStandIn, refusalOf } from './stand-in-post'

/**
 * Where the login API (`wx.login`, `tt.login`, `my.getAuthCode`, ...) gets its codes: a
 * WeChat stand-in that mints them (`POST <standInUrl>/codes`), or a function.
 */
export type CodeSource =
  | {
      /** The stand-in's base, e.g. `http://127.0.0.1:3000/__dev/wechat`. */
      standInUrl: string
      /** The WeChat user: the same openid logs in as the same user. Default: a new user per code. */
      openid?: string
    }
  | (() => string | Promise<string>)

/** Ask the stand-in for a single-use code (`POST <standInUrl>/codes`), as `wx.login` would get one. */
export async function mintCode(standInUrl: string, openid?: string): Promise<string> {
  const reply = await postToStandIn(standInUrl, '/codes', openid === undefined ? {} : { openid })
  const code = (reply.body as { code?: unknown } | undefined)?.code
  if (reply.status === 200 && typeof code === 'string') return code
  throw refusalOf(reply)
}

/** The former name of {@link CodeSource}. */
export type WxCodeSource = CodeSource

/** A fresh code from `source`. */
export function codeFrom(source: CodeSource): Promise<string> {
  return Promise.resolve().then(() =>
    typeof source === 'function' ? source() : mintCode(source.standInUrl, source.openid),
  )
}
