import type { PlatformProfile } from './platform-profile'
import { ERR_MSG_ONLY } from './without-errno'
import { WX_PROFILE } from './wx'

/** Baidu's `swan`: WeChat-shaped, every response header name in lower case. */
export const SWAN_PROFILE: PlatformProfile = Object.freeze({
  ...WX_PROFILE,
  platform: 'swan',
  global: 'swan',
  // swan.request: "有效值：OPTIONS、GET、HEAD、POST、PUT、DELETE、TRACE/CONNECT（仅 Android 支持）";
  // in Web mode "HEAD、GET、POST、PUT、DELETE" (https://w3cschool.cn/baiduapp/baiduapp-zhu639lz.html);
  // uni-app's table has no TRACE/CONNECT on Baidu. Strict under every reading: no OPTIONS,
  // TRACE, CONNECT, PATCH.
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
  // No limit documented: WeChat's 10, the stricter reading. Timeouts and storage limits as
  // WeChat's: Baidu's pages we found state none of their own.
  maxInFlight: 10,
  appJsonTimeouts: true,
  // Response header names arrive in lower case (RubyLouvre/anu#607).
  lowercaseHeaders: true,
  http2Option: false,
  manualRedirect: false,
  // UploadTask/DownloadTask.onHeadersReceived give `{ header }` (base library 3.180.1,
  // https://w3cschool.cn/baiduapp/baiduapp-3udh3ay4.html).
  requestHeadersEvent: 'header',
  cookies: false,
  // swan's success result is `{ data, statusCode, header }`: no errMsg (the swan.request page).
  okMessage: false,
  referer: () => undefined,
  failure: ERR_MSG_ONLY,
})
