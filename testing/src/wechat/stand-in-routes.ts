import { checkSession } from './routes/check-session-routes'
import { msgSecCheck } from './routes/content-routes'
import { setBusy, stats, weRun } from './routes/dev-routes'
import { code2Session, issueCode } from './routes/login-routes'
import { getPhoneNumber, issuePhoneCode } from './routes/phone-routes'
import { requirePost, stableToken } from './routes/token-routes'
import { devError, type StandInAnswer, type StandInRequest } from './stand-in-request'
import type { StandInState } from './stand-in-state'

export { StandInBodyError, type StandInAnswer, type StandInRequest } from './stand-in-request'
export type { StandInState } from './stand-in-state'

type Route = (state: StandInState, request: StandInRequest) => Promise<StandInAnswer>

/**
 * The stand-in's routes: path → method → answer. WeChat's APIs first (their paths as on
 * `api.weixin.qq.com`), then the dev routes that play the mini-program's side.
 */
const ROUTES: Readonly<Record<string, Readonly<Record<string, Route>>>> = {
  '/sns/jscode2session': { GET: code2Session },
  '/cgi-bin/stable_token': { POST: stableToken, GET: requirePost },
  '/wxa/business/getuserphonenumber': { POST: getPhoneNumber, GET: requirePost },
  '/wxa/msg_sec_check': { POST: msgSecCheck, GET: requirePost },
  '/wxa/checksession': { GET: checkSession },
  '/codes': { POST: issueCode },
  '/phone-codes': { POST: issuePhoneCode },
  '/werun': { POST: weRun },
  '/stats': { GET: stats },
  '/busy': { POST: setBusy },
}

/**
 * The stand-in's answer to `request`, or `null` when it has no such path (a server mounting
 * it then goes on to its own routes). A known path with another method is 405 with `Allow`.
 */
export async function answerStandIn(
  state: StandInState,
  request: StandInRequest,
): Promise<StandInAnswer | null> {
  const path = request.path.length > 1 ? request.path.replace(/\/$/, '') : request.path
  const methods = ROUTES[path]
  if (!methods) return null
  const route = methods[request.method]
  if (!route) {
    const answer = devError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed')
    answer.headers.Allow = Object.keys(methods).join(', ')
    return answer
  }
  return route(state, request)
}
