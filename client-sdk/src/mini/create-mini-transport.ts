import type { PlatformRequestOptions, Transport, TransportResponse } from '../core/types'
import { or } from '../core/util'
import type { MiniNetworkApi, MiniTask } from './mini-api'
import { toMiniFailure } from './mini-failure'
import type { MiniMethod } from './mini-methods'
import { startMiniCall } from './start-mini-call'

/** Options of the mini-program transports. */
export interface MiniTransportOptions<Api = MiniNetworkApi> {
  /** The platform object. Default: the platform's global (`wx`, `my`, ...). */
  api?: Api
  /** Requests, uploads and downloads at once. Default `10` (WeChat's limit). */
  maxConcurrent?: number
  /**
   * The methods the platform's request takes. Default: the platform's own list (see its
   * adapter). Any other PUT, PATCH or DELETE goes as a POST with `X-HTTP-Method-Override`; any
   * other method is refused with `NetworkError`.
   */
  methods?: readonly MiniMethod[]
}

/** What the shared mini transport knows of a platform. */
export interface MiniPlatformInfo {
  /** Its global's name, for messages: `wx`, `my`, ... */
  readonly name: string
  /** The methods its request takes, from its own documentation. */
  readonly methods: readonly MiniMethod[]
}

/**
 * A transport over a WeChat-shaped network API: callback style, `success` for every HTTP
 * status, `fail` (with `errMsg`, which the client turns into a `NetworkError` or `TimeoutError`)
 * when no answer came. Upload and download results carry no headers: they are watched through
 * `onHeadersReceived`. A method the platform's request does not take goes as a POST with
 * `X-HTTP-Method-Override` (PUT, PATCH, DELETE), or is refused.
 */
export function createMiniTransport<PlatformOptions extends object = PlatformRequestOptions>(
  api: MiniNetworkApi,
  platform: MiniPlatformInfo,
  options: MiniTransportOptions<unknown> = {},
): Transport<PlatformOptions> {
  const methods = options.methods || platform.methods
  return {
    maxConcurrent: or(options.maxConcurrent, 10),
    send: (request) =>
      new Promise<TransportResponse>((resolve, reject) => {
        const task = (startMiniCall(api, request, methods, platform.name, {
          success: (result) =>
            resolve({
              status: Number(result.statusCode),
              headers: result.header || {},
              body: result.data,
              filePath: result.filePath || result.tempFilePath,
            }),
          fail: (failure) => reject(toMiniFailure(failure, request.url)),
        }) || {}) as MiniTask
        // With `redirect: 'manual'` (wx.request, base library 3.2.2) a 3xx is not followed: "it
        // triggers onHeadersReceived and ends this request" (RequestOption.redirect in
        // miniprogram-api-typings 5.2.3), and no `success` may follow. The call ends there, with
        // the status onHeadersReceived gives (the developer tools give none: then `success` or
        // the timeout ends it).
        const manual = Object(request.platformOptions).redirect === 'manual'
        if (task.onHeadersReceived)
          task.onHeadersReceived((result) => {
            const headers = (result && result.header) || {}
            request.onHeaders(headers)
            const status = Number(result && result.statusCode)
            if (manual && status >= 300 && status < 400) resolve({ status, headers })
          })
        request.signal.addEventListener('abort', () => task.abort && task.abort())
      }),
  }
}
