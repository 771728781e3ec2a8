import { NetworkError } from '../errors/network-error'
import type {
  HttpTransportRequest,
  Transport,
  TransportResponse,
  UploadTransportRequest,
} from '../core/types'
import type { MiniCallOptions, MiniNetworkApi, MiniTask } from './mini-api'
import { toMiniFailure } from './mini-failure'
import { toPlatformMethod, type MiniMethod } from './mini-methods'
import { or } from '../core/util'

/** The fields of every kind of request, to read them without narrowing. */
type AnyRequest = Omit<HttpTransportRequest, 'kind'> & Omit<UploadTransportRequest, 'kind'>

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
export function createMiniTransport(
  api: MiniNetworkApi,
  platform: MiniPlatformInfo,
  options: MiniTransportOptions<unknown> = {},
): Transport {
  const methods = options.methods || platform.methods
  return {
    maxConcurrent: or(options.maxConcurrent, 10),
    send: (request) =>
      new Promise<TransportResponse>((resolve, reject) => {
        const kind = request.kind
        const r = request as Partial<AnyRequest>
        // `request`, `uploadFile` or `downloadFile`.
        const call = api[kind === 'request' ? kind : (`${kind}File` as const)]
        if (typeof call !== 'function') throw new NetworkError(platform.name + ' cannot ' + kind)
        const sent =
          request.kind === 'request'
            ? toPlatformMethod(request.method, request.headers, methods, platform.name)
            : { method: undefined, headers: request.headers }
        // One set of options for the three calls: each takes the fields it knows.
        const options: MiniCallOptions = {
          url: request.url,
          header: sent.headers,
          method: sent.method,
          data: r.body,
          // Anything but 'json' hands over the raw body; the client decodes it itself.
          dataType: 'text',
          responseType: r.responseType === 'arraybuffer' ? 'arraybuffer' : 'text',
          name: r.name,
          filePath: r.filePath,
          formData: r.formData,
          success: (result) =>
            resolve({
              status: Number(result.statusCode),
              headers: result.header || {},
              body: result.data,
              filePath: result.filePath || result.tempFilePath,
            }),
          fail: (failure) => reject(toMiniFailure(failure, request.url)),
        }
        // Only a timeout the caller set: without one, the platform's default applies
        // (`app.json` `networkTimeout.request`; WeChat's RequestOption.timeout, base library
        // 2.10.0, in miniprogram-api-typings 5.2.3). Beyond 2^31 - 1 ms platforms misbehave.
        if (request.timeoutMs) options.timeout = Math.min(request.timeoutMs, 2147483647)
        const task = (call.call(api, options) || {}) as MiniTask
        if (task.onHeadersReceived)
          task.onHeadersReceived((h) => request.onHeaders((h && h.header) || {}))
        request.signal.addEventListener('abort', () => task.abort && task.abort())
      }),
  }
}
