import { WechatApiError } from '../errors'

/** One call to one of WeChat's server APIs. */
export interface WechatRequest {
  /** The API's name, for errors: `stable_token`, `getuserphonenumber`... */
  api: string
  /** Base URL without a trailing slash, e.g. `https://api.weixin.qq.com`. */
  apiBase: string
  /** The path, e.g. `/wxa/msg_sec_check`. */
  path: string
  /** Query parameters (the access_token goes here: never log the URL). */
  query?: Record<string, string>
  /** A JSON body, sent with POST; GET without it. */
  body?: unknown
  /** Deadline of the whole call, body included. */
  timeoutMs: number
}

/**
 * Call WeChat and read its JSON answer (WeChat answers HTTP 200 with an `errcode` for its
 * refusals, so the answer may be one; see `errorOfAnswer`). Neither the URL nor the body
 * is ever put in an error: they hold the access_token, the secret or the user's data.
 *
 * @throws WechatApiError `WECHAT_UNAVAILABLE` when WeChat is unreachable, slower than
 *   `timeoutMs`, answers another HTTP status or something that is not a JSON object.
 */
export async function callWechat(request: WechatRequest): Promise<Record<string, unknown>> {
  const { api, timeoutMs } = request
  const query = request.query ? `?${new URLSearchParams(request.query)}` : ''
  const post = request.body !== undefined
  let text: string
  try {
    const response = await fetch(`${request.apiBase}${request.path}${query}`, {
      method: post ? 'POST' : 'GET',
      signal: AbortSignal.timeout(timeoutMs),
      headers: post
        ? { accept: 'application/json', 'content-type': 'application/json' }
        : { accept: 'application/json' },
      body: post ? JSON.stringify(request.body) : undefined,
    })
    text = await response.text()
    if (!response.ok) {
      throw new WechatApiError('WECHAT_UNAVAILABLE', {
        api,
        reason: `WeChat answered HTTP ${response.status}`,
      })
    }
  } catch (error) {
    if (error instanceof WechatApiError) throw error
    // AbortSignal.timeout rejects with a DOMException, not always an `Error` of this realm.
    const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError'
    throw new WechatApiError('WECHAT_UNAVAILABLE', {
      api,
      reason: timedOut ? `WeChat did not answer within ${timeoutMs} ms` : 'WeChat is unreachable',
      cause: error,
    })
  }
  let answer: unknown
  try {
    answer = JSON.parse(text)
  } catch {
    throw new WechatApiError('WECHAT_UNAVAILABLE', { api, reason: 'WeChat answered non-JSON' })
  }
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
    throw new WechatApiError('WECHAT_UNAVAILABLE', { api, reason: 'WeChat answered a non-object' })
  }
  return answer as Record<string, unknown>
}
