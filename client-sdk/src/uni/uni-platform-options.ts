/**
 * Options of `uni.request` the SDK passes through, each on the platforms uni-app's page lists
 * (https://uniapp.dcloud.io/api/request/request; quoted in
 * https://blog.csdn.net/akd3213/article/details/131264107).
 */
export interface UniPlatformOptions {
  /** Verify the TLS certificate (App on Android). */
  sslVerify?: boolean
  /** Send cookies cross-origin (H5). */
  withCredentials?: boolean
  /** Prefer IPv4 in DNS (App on Android). */
  firstIpv4?: boolean
  /** HTTP/2 (WeChat). */
  enableHttp2?: boolean
  /** QUIC (WeChat). */
  enableQuic?: boolean
  /** The HTTP cache (WeChat). */
  enableCache?: boolean
}
