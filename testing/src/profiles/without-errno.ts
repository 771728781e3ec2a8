import type { PlatformProfile } from './platform-profile'
import { wechatFailure } from './wx'

/**
 * WeChat's `fail` wording without its `errno`, for the platforms that copy WeChat's API but
 * document no error numbers (QQ, ByteDance, Baidu): code that needs an `errno` breaks on them.
 */
export const ERR_MSG_ONLY: PlatformProfile['failure'] = (api, reason, detail) => ({
  errMsg: wechatFailure(api, reason, detail).errMsg,
})
