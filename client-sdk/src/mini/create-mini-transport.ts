import { AbortError } from '../errors/abort-error'
import { NetworkError } from '../errors/network-error'
import { TimeoutError } from '../errors/timeout-error'
import type { Transport, TransportRequest, TransportResponse } from '../core/types'
import type { MiniCallOptions, MiniFailure, MiniNetworkApi, MiniResult, MiniTask } from './mini-api'

/** How a platform's network API differs from WeChat's. */
export interface MiniDialect {
  /** Name used in error messages, e.g. `wx`. */
  readonly platform: string
  /** Request header option of `request`: `header` (WeChat and most), `headers` (Alipay). */
  readonly headerKey: 'header' | 'headers'
  /** Extra `uploadFile` options (Alipay wants `fileName` and `fileType`). */
  readonly uploadExtras?: (
    request: TransportRequest & { kind: 'upload' },
  ) => Partial<MiniCallOptions>
}

/** Options of the mini-program transports. */
export interface MiniTransportOptions<Api = MiniNetworkApi> {
  /** The platform object. Default: the platform's global (`wx`, `my`, ...). */
  api?: Api
  /** Requests, uploads and downloads at once. Default `10` (WeChat's limit). */
  maxConcurrent?: number
}

function toResponse(result: MiniResult): TransportResponse {
  return {
    // Alipay's downloadFile success has no status: it only succeeds on 2xx.
    status: Number(result.statusCode || result.status || 200),
    headers: result.header || result.headers || {},
    body: result.data,
    filePath: result.filePath || result.tempFilePath || result.apFilePath,
  }
}

function toError(failure: MiniFailure, platform: string, timeoutMs: number): Error {
  const message = String(failure.errMsg || failure.errorMessage || platform + ' request failed')
  // Alipay: error 13 is a timeout.
  if (/timeout|超时/i.test(message) || failure.error === 13) {
    return new TimeoutError(timeoutMs, { cause: failure })
  }
  return /abort/i.test(message) ? new AbortError() : new NetworkError(message, { cause: failure })
}

/**
 * A transport over a mini-program network API: callback style, `success` for every HTTP status,
 * headers looked up case-insensitively (the platform may keep the server's casing, or lowercase
 * them under HTTP/2), uploads and downloads watched through `onHeadersReceived`.
 */
export function createMiniTransport(
  api: MiniNetworkApi,
  dialect: MiniDialect,
  maxConcurrent = 10,
): Transport {
  return {
    maxConcurrent,
    send: (request) =>
      new Promise<TransportResponse>((resolve, reject) => {
        const { kind, headers } = request
        const call =
          kind === 'request' ? api.request : kind === 'upload' ? api.uploadFile : api.downloadFile
        if (typeof call !== 'function') throw new NetworkError(dialect.platform + ' cannot ' + kind)
        const options: MiniCallOptions = {
          url: request.url,
          // Beyond 2^31 - 1 ms platforms misbehave; the SDK's own timer still applies.
          timeout: Math.min(request.timeoutMs, 2147483647),
          success: (result) => resolve(toResponse(result)),
          fail: (failure) => {
            const f = failure || {}
            // Alipay reports an HTTP error status through `fail`: that is still an answer.
            if (Number(f.statusCode || f.status) >= 100) resolve(toResponse(f))
            else reject(toError(f, dialect.platform, request.timeoutMs))
          },
        }
        if (kind === 'request') {
          Object.assign(options, {
            [dialect.headerKey]: headers,
            method: request.method,
            data: request.body,
            // Anything but 'json' hands over the raw body; the client decodes it itself.
            dataType: 'text',
            responseType: request.responseType === 'arraybuffer' ? 'arraybuffer' : 'text',
          })
        } else {
          Object.assign(options, { header: headers, filePath: request.filePath })
          if (kind === 'upload') {
            Object.assign(options, { name: request.name, formData: request.formData })
            if (dialect.uploadExtras) Object.assign(options, dialect.uploadExtras(request))
          }
        }
        const task = (call.call(api, options) || {}) as MiniTask
        if (task.onHeadersReceived) {
          task.onHeadersReceived((r) => request.onHeaders((r && (r.header || r.headers)) || {}))
        }
        request.signal.addEventListener('abort', () => task.abort && task.abort())
      }),
  }
}
