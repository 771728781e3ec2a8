import type { AccessTokenTable } from './access-token-table'
import type { ApiCalls } from './api-calls'
import type { CodeTable } from './code-table'
import type { PhoneCodeTable } from './phone-code-table'
import type { UserTable } from './user-table'

/** Words that make `msg_sec_check` answer `risky` or `review` (matched in any case). */
export interface ContentRules {
  riskyWords: readonly string[]
  reviewWords: readonly string[]
}

/** Everything the routes work with: WeChat's side of one appid. */
export interface StandInState {
  appId: string
  secret: string
  now(): number
  codes: CodeTable
  users: UserTable
  phoneCodes: PhoneCodeTable
  tokens: AccessTokenTable
  calls: ApiCalls
  content: ContentRules
}
