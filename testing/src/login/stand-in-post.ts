import http from 'node:http'

/** What the WeChat stand-in answered a dev route: its status and its JSON (or `undefined`). */
export interface StandInReply {
  status: number
  body: unknown
}

/**
 * `POST <standInUrl><path>` with `body` as JSON, the way the mini-program side's dev routes
 * (`/codes`, `/werun`) are asked. node:http rather than fetch: jsdom test environments have no
 * fetch. Rejects only when the stand-in cannot be reached.
 */
export function postToStandIn(
  standInUrl: string,
  path: string,
  body: object,
): Promise<StandInReply> {
  return new Promise((resolve, reject) => {
    const url = `${standInUrl.replace(/\/+$/, '')}${path}`
    const headers = { 'content-type': 'application/json' }
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk))
      res.on('error', reject)
      res.on('end', () => {
        let parsed: unknown
        try {
          parsed = JSON.parse(text)
        } catch {
          parsed = undefined
        }
        resolve({ status: res.statusCode ?? 0, body: parsed })
      })
    })
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

/** `the WeChat stand-in answered 404 UNKNOWN_OPENID`: a refusal in words, for `fail`. */
export function refusalOf(reply: StandInReply): Error {
  const code = (reply.body as { error?: { code?: unknown } } | undefined)?.error?.code
  const named = typeof code === 'string' ? ` ${code}` : ''
  return new Error(`the WeChat stand-in answered ${reply.status}${named}`)
}
