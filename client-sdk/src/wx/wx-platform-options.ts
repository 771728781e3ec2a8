/**
 * Options of `wx.request` the SDK passes through (RequestOption in miniprogram-api-typings
 * 5.2.3; https://developers.weixin.qq.com/miniprogram/dev/api/network/request/wx.request.html).
 * `wx.uploadFile` and `wx.downloadFile` take `enableHttp2` and `enableQuic` too and ignore the
 * others. Older base libraries ignore what they do not know.
 */
export interface WxPlatformOptions {
  /** HTTP/2 (base library 2.10.4). Header names then come back lowercase: lookups ignore case. */
  enableHttp2?: boolean
  /** QUIC / HTTP/3 (base library 2.10.4). */
  enableQuic?: boolean
  /** The HTTP cache (base library 2.10.4). */
  enableCache?: boolean
  /** The high-performance mode (base library 3.3.3; on by default on Android from 3.5.0). */
  useHighPerformanceMode?: boolean
  /**
   * `manual`: a 3xx is not followed; the request ends at `onHeadersReceived` (base library
   * 3.2.2), and the call resolves with the 3xx status and its headers (`Location`).
   */
  redirect?: 'follow' | 'manual'
  /** Send over the cellular network (base library 2.21.0). */
  forceCellularNetwork?: boolean
}
