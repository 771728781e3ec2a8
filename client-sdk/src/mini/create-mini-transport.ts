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

const MAX_TIMEOUT_MS = 2147483647

function toResponse(result: MiniResult): TransportResponse {
  return {
    // Alipay's downloadFile success has no status: it only succeeds on 2xx.
    status: Number(result.statusCode ?? result.status ?? 200),
    headers: result.header || result.headers || {},
    body: result.data,
    filePath: result.filePath || result.tempFilePath || result.apFilePath,
  }
}

function toError(failure: MiniFailure | undefined, platform: string): Error {
  const f = failure || {}
  const message = String(f.errMsg || f.errorMessage || `${platform} request failed`)
  if (/timeout|timed out|超时/i.test(message) || f.error === 13) {
    return new TimeoutError(undefined, { cause: failure })
  }
  if (/abort/i.test(message)) return new AbortError()
  return new NetworkError(message, { cause: failure })
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
    send(request) {
      return new Promise<TransportResponse>((resolve, reject) => {
        const options: MiniCallOptions = {
          url: request.url,
          success: (result) => resolve(toResponse(result)),
          fail: (failure) => {
            // Alipay reports an HTTP error status through `fail`: that is still an answer.
            const f = failure || {}
            if (Number(f.statusCode ?? f.status) >= 100) resolve(toResponse(f))
            else reject(toError(failure, dialect.platform))
          },
        }
        if (request.timeoutMs <= MAX_TIMEOUT_MS) options.timeout = request.timeoutMs
        let call = api.request
        if (request.kind === 'request') {
          options[dialect.headerKey] = request.headers
          options.method = request.method
          options.data = request.body
          options.dataType = 'text'
          options.responseType = request.responseType === 'arraybuffer' ? 'arraybuffer' : 'text'
        } else {
          options.header = request.headers
          if (request.kind === 'upload') {
            call = api.uploadFile as typeof call
            options.filePath = request.filePath
            options.name = request.name
            options.formData = request.formData
            if (dialect.uploadExtras) Object.assign(options, dialect.uploadExtras(request))
          } else {
            call = api.downloadFile as typeof call
            options.filePath = request.filePath
          }
        }
        if (typeof call !== 'function') {
          return reject(new NetworkError(`${dialect.platform} has no API for ${request.kind}`))
        }
        const task = call.call(api, options) as MiniTask | undefined
        if (task && typeof task.onHeadersReceived === 'function') {
          task.onHeadersReceived((r) => request.onHeaders((r && (r.header || r.headers)) || {}))
        }
        request.signal.addEventListener('abort', () => {
          if (task && typeof task.abort === 'function') task.abort()
        })
      })
    },
  }
}
