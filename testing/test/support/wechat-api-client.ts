import { createDecipheriv } from 'node:crypto'
import type { ListeningStandIn, WechatStandIn } from '../../src/index'

/** A parsed answer of the stand-in, with its HTTP status and content type. */
export interface Answer {
  status: number
  type: string | null
  body: Record<string, unknown>
}

/** Calls to a listening stand-in, the way a server calls WeChat. */
export interface WechatApiClient {
  get(path: string, query?: Record<string, string>): Promise<Answer>
  post(path: string, body?: unknown, query?: Record<string, string>): Promise<Answer>
  /** `POST /cgi-bin/stable_token` with the stand-in's credentials. */
  token(forceRefresh?: boolean): Promise<Answer>
  /** Log `openid` in through `jscode2session`; its answer. */
  login(openid: string): Promise<Answer>
}

export function wechatApiClient(
  standIn: WechatStandIn,
  running: ListeningStandIn,
): WechatApiClient {
  const url = (path: string, query?: Record<string, string>) =>
    `${running.apiBase}${path}${query ? `?${new URLSearchParams(query)}` : ''}`
  const read = async (res: Response): Promise<Answer> => ({
    status: res.status,
    type: res.headers.get('content-type'),
    body: JSON.parse(await res.text()) as Record<string, unknown>,
  })
  const client: WechatApiClient = {
    get: async (path, query) => read(await fetch(url(path, query))),
    post: async (path, body, query) =>
      read(
        await fetch(url(path, query), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      ),
    token: (forceRefresh) =>
      client.post('/cgi-bin/stable_token', {
        grant_type: 'client_credential',
        appid: standIn.appId,
        secret: standIn.secret,
        ...(forceRefresh === undefined ? {} : { force_refresh: forceRefresh }),
      }),
    login: (openid) =>
      client.get('/sns/jscode2session', {
        appid: standIn.appId,
        secret: standIn.secret,
        js_code: standIn.issueCode({ openid }),
        grant_type: 'authorization_code',
      }),
  }
  return client
}

/** Open data decrypted as a server does (AES-128-CBC, PKCS#7), parsed. */
export function decrypt(encryptedData: string, iv: string, sessionKey: string): unknown {
  const decipher = createDecipheriv(
    'aes-128-cbc',
    Buffer.from(sessionKey, 'base64'),
    Buffer.from(iv, 'base64'),
  )
  const plain = Buffer.concat([decipher.update(encryptedData, 'base64'), decipher.final()])
  return JSON.parse(plain.toString('utf8')) as unknown
}
