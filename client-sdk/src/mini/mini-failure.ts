import { isTimeoutFailure } from '../core/transport-error'
import { originOf } from '../core/url'
import { NetworkError } from '../errors/network-error'
import type { MiniFailure } from './mini-api'

/**
 * What WeChat's network errnos mean, for the message (`errno` is on `fail` results since base
 * library 2.24.0: RequestFailCallbackErr in miniprogram-api-typings 5.2.3, which links
 * https://developers.weixin.qq.com/miniprogram/dev/framework/usability/PublicErrno.html; the
 * 6000xx codes as that page lists them, quoted in
 * https://developers.weixin.qq.com/community/develop/doc/000e04578d02c07838af2e4f756800).
 * uni-app and Taro on WeChat hand over WeChat's own failure.
 */
const WECHAT_NETWORK_ERRNOS: Record<number, (origin: string) => string> = {
  600000: () => 'unknown network error',
  // {"errno": 600002, "errMsg": "request:fail url not in domain list"}: the domain is not one of
  // the mini-program's request domains, set in the admin console; the developer tools can skip
  // the check (https://developers.weixin.qq.com/miniprogram/dev/framework/ability/network.html,
  // https://developers.weixin.qq.com/community/develop/doc/0000aea47548982fc332cf6bd6b400).
  600002: (origin) =>
    `${origin} is not in the request domain list (request 合法域名, in the admin console); ` +
    'while developing, the developer tools can skip the check (不校验合法域名)',
  600003: () => 'network interrupted',
  600004: () => 'network logic error',
}

/**
 * What a mini-program `fail` result becomes: a timeout stays as it is (the client makes it a
 * `TimeoutError` with the attempt's limit); anything else is a `NetworkError` with the
 * platform's `errno`, and what a known errno means, after its `errMsg`.
 */
export function toMiniFailure(failure: MiniFailure | undefined, url: string): unknown {
  if (isTimeoutFailure(failure)) return failure
  const f: MiniFailure = failure || {}
  const errno = typeof f.errno === 'number' ? f.errno : undefined
  const explain = errno === undefined ? undefined : WECHAT_NETWORK_ERRNOS[errno]
  let message = f.errMsg || 'request:fail'
  if (explain) message += ` (errno ${errno}: ${explain(originOf(url))})`
  return new NetworkError(message, { cause: failure, errno })
}
