import type { FailureReason, NetworkApi, PlatformProfile } from './platform-profile'

// TYPINGS:<line> below: miniprogram-api-typings 5.2.3, types/wx/lib.wx.api.d.ts, at that line.

/**
 * A WeChat `fail` result. `errno` (base library 2.24.0, RequestFailCallbackErr, TYPINGS:10765,
 * codes at https://developers.weixin.qq.com/miniprogram/dev/framework/usability/PublicErrno.html):
 * - method: `request:fail method is invalid` for a PATCH (wendux/grace#15; fjc0k/taro-axios#12,
 *   dcloudio/uni-app#550 report the same refusal); no errno is reported for it.
 * - domain: `{"errno": 600002, "errMsg": "request:fail url not in domain list"}`
 *   (https://developers.weixin.qq.com/community/develop/doc/0000aea47548982fc332cf6bd6b400).
 * - timeout: `{ errMsg: 'request:fail timeout', errno: 5 }` (lei-mu/luch-request#153).
 * - network: errno 600001 with the network stack's words (`request:fail errcode:... error_msg:
 *   network change`, https://developers.weixin.qq.com/community/develop/doc/000c44ee3684d89640822bd6b6b800).
 * - abort: `request:fail abort` (RequestTask.abort); no errno is documented for it.
 * - overflow: not documented (see `overflow` in the runtime options).
 */
export function wechatFailure(
  api: NetworkApi,
  reason: FailureReason,
  detail: string,
): Record<string, unknown> {
  switch (reason) {
    case 'method':
      return { errMsg: `${api}:fail method is invalid` }
    case 'domain':
      return { errMsg: `${api}:fail url not in domain list`, errno: 600002 }
    case 'timeout':
      return { errMsg: `${api}:fail timeout`, errno: 5 }
    case 'abort':
      return { errMsg: `${api}:fail abort` }
    case 'network':
      return { errMsg: `${api}:fail ${detail}`, errno: 600001 }
    case 'overflow':
      return { errMsg: `${api}:fail ${detail}` }
  }
}

/** WeChat's `wx`, as documented in the typings (TYPINGS) and WeChat's pages. */
export const WX_PROFILE: PlatformProfile = Object.freeze({
  platform: 'wx',
  global: 'wx',
  // RequestOption.method: OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE, CONNECT (TYPINGS:10863;
  // https://developers.weixin.qq.com/miniprogram/dev/api/network/request/wx.request.html). No PATCH.
  methods: ['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT'],
  // "request、uploadFile、downloadFile 的最大并发限制是 10 个" (network usage notes,
  // https://developers.weixin.qq.com/miniprogram/dev/framework/ability/network.html, quoted at
  // https://segmentfault.com/a/1190000015441957).
  maxInFlight: 10,
  // "默认超时时间和最大超时时间都是 60s" (the same page); RequestOption.timeout "默认值为 60000"
  // (TYPINGS:10903); app.json `networkTimeout` sets the default
  // (https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#networkTimeout);
  // a longer one still ends at 60 s (https://developers.weixin.qq.com/community/develop/doc/00024aab0b0528d16e2889f2457000).
  defaultTimeoutMs: { request: 60_000, uploadFile: 60_000, downloadFile: 60_000 },
  maxTimeoutMs: 60_000,
  appJsonTimeouts: true,
  // "单个 key 允许存储的最大数据长度为 1MB，所有数据存储上限为 10MB" (wx.setStorageSync, TYPINGS:31341).
  storage: { maxItemBytes: 1024 * 1024, maxTotalBytes: 10 * 1024 * 1024 },
  // Over HTTP/1.1 names keep the server's casing; with `enableHttp2` (TYPINGS:10829) they come
  // back lower case (NervJS/taro PR #14644).
  lowercaseHeaders: false,
  http2Option: true,
  // RequestOption.redirect (base library 3.2.2, TYPINGS:10885): 'follow' by default; 'manual'
  // "触发 onHeadersReceived 回调，并结束本次 request 请求".
  manualRedirect: true,
  // RequestTaskOnHeadersReceivedListenerResult { cookies, header, statusCode } (TYPINGS:11166).
  requestHeadersEvent: 'header-status-cookies',
  // RequestSuccessCallbackResult.cookies (base library 2.10.0, TYPINGS:11142).
  cookies: true,
  okMessage: true,
  // "referer ... 格式固定为 https://servicewechat.com/{appid}/{version}/page-frame.html ... 版本号为
  // devtools 表示为开发者工具" (network usage notes); "header 中不能设置 Referer" (TYPINGS:10851).
  referer: (appId: string) => `https://servicewechat.com/${appId}/devtools/page-frame.html`,
  fixedHeaders: ['referer'],
  failure: wechatFailure,
})
