import http from 'node:http'

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
export function mintCode(standInUrl: string, openid?: string): Promise<string> {
  // node:http rather than fetch: jsdom test environments have no fetch.
  return new Promise((resolve, reject) => {
    const url = `${standInUrl.replace(/\/+$/, '')}/codes`
    const headers = { 'content-type': 'application/json' }
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk))
      res.on('error', reject)
      res.on('end', () => {
        let code: unknown
        try {
          code = (JSON.parse(text) as { code?: unknown }).code
        } catch {
          code = undefined
        }
        if (res.statusCode === 200 && typeof code === 'string') resolve(code)
        else reject(new Error(`the WeChat stand-in answered ${res.statusCode}`))
      })
    })
    req.on('error', reject)
    req.end(JSON.stringify(openid === undefined ? {} : { openid }))
  })
}

/** The former name of {@link CodeSource}. */
export type WxCodeSource = CodeSource

/** A fresh code from `source`. */
export function codeFrom(source: CodeSource): Promise<string> {
  return Promise.resolve().then(() =>
    typeof source === 'function' ? source() : mintCode(source.standInUrl, source.openid),
  )
}
