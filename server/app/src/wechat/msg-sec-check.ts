import { ValidationError, WechatApiError } from '../errors'
import { errcodeOf, errorOfAnswer } from './wechat-errcodes'
import type { WechatClient } from './wechat-client'
import { callWechat } from './wechat-request'

/** Where the text is shown: 1 profile, 2 comment, 3 forum, 4 social log. */
export type MsgSecCheckScene = 1 | 2 | 3 | 4

/** What `msgSecCheck` checks. */
export interface MsgSecCheckInput {
  /** The text, 1 to 2500 characters. */
  content: string
  /** The author, who must have visited the mini-program within two hours. */
  openid: string
  scene: MsgSecCheckScene
  title?: string
  nickname?: string
  /** A profile signature (scene 1 only). */
  signature?: string
}

/** WeChat's verdict: `pass`, `review` (a person should look) or `risky`, with a label. */
export type MsgSecSuggest = 'pass' | 'review' | 'risky'

/** One strategy's finding (`content_model`, `keyword`...). */
export interface MsgSecCheckDetail {
  strategy: string
  errcode: number
  suggest?: MsgSecSuggest
  label?: number
  keyword?: string
  prob?: number
}

/** The result of `msgSecCheck`. */
export interface MsgSecCheckResult {
  suggest: MsgSecSuggest
  /** 100 normal; 10001 ads; 20001 politics; 20002 porn; 20003 abuse; 20006 illegal; 20008 fraud; 20012 vulgar; 20013 copyright; 21000 other. */
  label: number
  /** WeChat's id of this check. */
  traceId: string
  detail: MsgSecCheckDetail[]
}

const API = 'msg_sec_check'
const MAX_CONTENT_CHARACTERS = 2_500
const SUGGESTS: readonly string[] = ['pass', 'review', 'risky']

/**
 * Check a text with WeChat's content security, version 2:
 * `POST /wxa/msg_sec_check?access_token=…` `{ content, version: 2, scene, openid, ... }`
 * (https://developers.weixin.qq.com/miniprogram/dev/server/API/sec-center/sec-check/api_msgseccheck.html).
 * A `risky` verdict is a result, not an error: the caller decides.
 *
 * @throws ValidationError (`content`) for an empty text or one over 2500 characters.
 * @throws WechatApiError `WECHAT_USER_INACTIVE` (61010: no visit within two hours),
 *   `WECHAT_OPENID_INVALID` (40003, 43104), `WECHAT_RATE_LIMITED` (44991, 45011),
 *   `WECHAT_QUOTA_EXHAUSTED` (45009), `WECHAT_BUSY` (-1), `WECHAT_TOKEN_REJECTED`,
 *   `WECHAT_REFUSED` (40129 scene...), `WECHAT_UNAVAILABLE`.
 */
export async function msgSecCheck(
  client: WechatClient,
  input: MsgSecCheckInput,
): Promise<MsgSecCheckResult> {
  const length = [...input.content].length
  if (length === 0 || length > MAX_CONTENT_CHARACTERS) {
    throw new ValidationError({ content: `expected 1 to ${MAX_CONTENT_CHARACTERS} characters` })
  }
  const { content, openid, scene, title, nickname, signature } = input
  const answer = await client.tokens.withAccessToken((accessToken) =>
    callWechat({
      api: API,
      apiBase: client.apiBase,
      path: '/wxa/msg_sec_check',
      query: { access_token: accessToken },
      body: { content, version: 2, scene, openid, title, nickname, signature },
      timeoutMs: client.timeoutMs,
    }),
  )
  if (errcodeOf(answer) !== 0) throw errorOfAnswer(API, answer)
  const result = answer.result as { suggest?: unknown; label?: unknown } | undefined
  if (
    typeof result?.suggest !== 'string' ||
    !SUGGESTS.includes(result.suggest) ||
    typeof result.label !== 'number'
  ) {
    throw new WechatApiError('WECHAT_UNAVAILABLE', {
      api: API,
      reason: 'WeChat answered no result',
    })
  }
  return {
    suggest: result.suggest as MsgSecSuggest,
    label: result.label,
    traceId: typeof answer.trace_id === 'string' ? answer.trace_id : '',
    detail: Array.isArray(answer.detail) ? (answer.detail as MsgSecCheckDetail[]) : [],
  }
}
