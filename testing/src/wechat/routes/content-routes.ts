import { randomBytes } from 'node:crypto'
import { readWechatBody, wechat, wechatRefusal } from '../stand-in-request'
import type { StandInAnswer, StandInRequest } from '../stand-in-request'
import type { StandInState } from '../stand-in-state'
import { tokenErrcode } from './token-routes'

/** `content` may hold 2500 characters of UTF-8: up to 10 000 bytes, plus the other fields. */
const CONTENT_BODY_BYTES = 16_384
/** The page's limit of `content` ("文本字数的上限为2500字"). */
const MAX_CONTENT_CHARACTERS = 2_500
/** "用户需在近两小时访问过小程序": the user must have visited within two hours. */
const RECENT_VISIT_MS = 2 * 3_600_000

/** Labels of `msg_sec_check`: 100 normal; 20006 illegal; 21000 other (the page lists more). */
const LABEL_NORMAL = 100
const LABEL_RISKY = 20006
const LABEL_REVIEW = 21000

type Suggest = 'pass' | 'review' | 'risky'

function firstWord(content: string, words: readonly string[]): string | undefined {
  const lower = content.toLowerCase()
  return words.find((word) => word !== '' && lower.includes(word.toLowerCase()))
}

/**
 * `POST /wxa/msg_sec_check?access_token=…` version 2 `{ content, version: 2, scene, openid,
 * title?, nickname?, signature? }`, as `msgSecCheck` does
 * (https://developers.weixin.qq.com/miniprogram/dev/server/API/sec-center/sec-check/api_msgseccheck.html):
 * `{ errcode: 0, errmsg: 'ok', result: { suggest, label }, detail: [...], trace_id }`. The text
 * (content, title, nickname, signature) is `risky` with a configured risky word, `review` with a
 * review word, `pass` otherwise. Errcodes: 40003 for an openid that never logged in, 61010
 * ("code is expired") for one that has not in two hours, 40129 a scene not 1 to 4, 47001 a
 * version not 2 or a missing or too long content, -1 when busy, and the token's errcodes.
 */
export async function msgSecCheck(
  state: StandInState,
  request: StandInRequest,
): Promise<StandInAnswer> {
  state.calls.count('msg_sec_check')
  if (state.calls.isBusy('msg_sec_check')) return wechatRefusal(-1)
  const token = tokenErrcode(state, request)
  if (token !== 0) return wechatRefusal(token)
  const read = await readWechatBody(request, CONTENT_BODY_BYTES)
  if ('errcode' in read) return wechatRefusal(read.errcode)
  const { content, version, scene, openid, title, nickname, signature } = read.fields
  if (version !== 2) return wechatRefusal(47001)
  if (typeof content !== 'string' || content === '') return wechatRefusal(47001)
  if ([...content].length > MAX_CONTENT_CHARACTERS) return wechatRefusal(47001)
  if (scene !== 1 && scene !== 2 && scene !== 3 && scene !== 4) return wechatRefusal(40129)
  const user = typeof openid === 'string' ? state.users.find(openid) : undefined
  if (!user) return wechatRefusal(40003)
  if (state.now() - user.lastLoginAt > RECENT_VISIT_MS) return wechatRefusal(61010)

  const text = [content, title, nickname, signature].filter((part) => typeof part === 'string')
  const checked = text.join('\n')
  const risky = firstWord(checked, state.content.riskyWords)
  const review = risky === undefined ? firstWord(checked, state.content.reviewWords) : undefined
  const keyword = risky ?? review
  const suggest: Suggest = risky !== undefined ? 'risky' : review !== undefined ? 'review' : 'pass'
  const label =
    risky !== undefined ? LABEL_RISKY : review !== undefined ? LABEL_REVIEW : LABEL_NORMAL
  return wechat({
    errcode: 0,
    errmsg: 'ok',
    result: { suggest, label },
    detail: [
      { strategy: 'content_model', errcode: 0, suggest, label, prob: keyword ? 90 : 0 },
      ...(keyword ? [{ strategy: 'keyword', errcode: 0, suggest, label, level: 20, keyword }] : []),
    ],
    trace_id: `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`,
  })
}
