import type { PlatformProfile } from './platform-profile'
import { ERR_MSG_ONLY } from './without-errno'
import { WX_PROFILE } from './wx'

/**
 * QQ's `qq`: WeChat's API (QQ's API docs 1.5.1, https://bookstack.cn/read/qq-min-api-v1.5.1/c1d25d50843d81a7.md).
 * Where QQ documents nothing of its own, the stricter reading: no `errno` on failures, no
 * `cookies` in results, no `statusCode` in `onHeadersReceived`, no `redirect` or `enableHttp2`
 * options (all are WeChat additions of base library 2.10.0 and later).
 */
export const QQ_PROFILE: PlatformProfile = Object.freeze({
  ...WX_PROFILE,
  platform: 'qq',
  global: 'qq',
  // object.method 的合法值: OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE, CONNECT (QQ 1.5.1).
  methods: WX_PROFILE.methods,
  http2Option: false,
  manualRedirect: false,
  requestHeadersEvent: 'header',
  cookies: false,
  // QQ's Referer is `https://appservice.qq.com/{appid}/{version}/page-frame.html` (QQ's network
  // notes mirror WeChat's); `devtools` as the version, as WeChat's tools do.
  referer: (appId: string) => `https://appservice.qq.com/${appId}/devtools/page-frame.html`,
  failure: ERR_MSG_ONLY,
})
