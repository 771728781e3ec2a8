import type { PlatformProfile } from './platform-profile'
import { ERR_MSG_ONLY } from './without-errno'
import { WX_PROFILE } from './wx'

/**
 * ByteDance's `tt` (Douyin, Toutiao mini-apps): WeChat-shaped, with its own method list and
 * limits.
 */
export const TT_PROFILE: PlatformProfile = Object.freeze({
  ...WX_PROFILE,
  platform: 'tt',
  global: 'tt',
  // The readings disagree: the current tt.request page lists OPTIONS, GET, HEAD, POST, PUT,
  // DELETE, TRACE, CONNECT (1.0.0) and PATCH (2.42.0)
  // (https://microapp.bytedance.com/docs/zh-CN/mini-app/develop/api/network/http/tt-request/);
  // the 2019 page says "可以是GET, POST, PUT" (https://www.w3cschool.cn/microapp/microapp-dt5h33w1.html);
  // uni-app's method table has no DELETE, HEAD, OPTIONS, TRACE, CONNECT on ByteDance
  // (https://uniapp.dcloud.io/api/request/request). Strict under every reading: GET, POST, PUT.
  methods: ['GET', 'POST', 'PUT'],
  // No concurrency limit is documented: WeChat's 10, the stricter reading.
  maxInFlight: 10,
  // "网络请求超时最大时长为 60s"; `timeout` "最大值 60000ms" (2.31.0) (the tt.request page);
  // game.json `networkTimeout` is the default (the mini-game tt.request page,
  // https://developer.open-douyin.com/docs/resource/zh-CN/mini-game/develop/api/network/initiate-a-request/tt-request).
  defaultTimeoutMs: WX_PROFILE.defaultTimeoutMs,
  maxTimeoutMs: 60_000,
  appJsonTimeouts: true,
  // "单个 key 允许存储的最大数据长度为 1MB,所有数据存储上限为 10MB" (tt.setStorageSync,
  // https://www.w3cschool.cn/microapp/microapp-1iyg34ey.html).
  storage: WX_PROFILE.storage,
  http2Option: false,
  // `redirect` is documented for mini-games only (3.83.0): mini-apps always follow.
  manualRedirect: false,
  // UploadTask/DownloadTask.onHeadersReceived give `{ header }`
  // (https://developer.open-douyin.com/docs/resource/zh-CN/mini-game/develop/api/network/onload/upload-task).
  requestHeadersEvent: 'header',
  cookies: false,
  // "header 不支持设置 referer、user-agent 字段"; Referer
  // `https://tmaservice.developer.toutiao.com/?appid={appid}&version={appVersion}` (the tt.request page).
  referer: (appId: string) =>
    `https://tmaservice.developer.toutiao.com/?appid=${appId}&version=devtools`,
  fixedHeaders: ['referer', 'user-agent'],
  failure: ERR_MSG_ONLY,
})
