import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ALIPAY_PROFILE } from '../profiles/alipay'
import type { NetworkApi } from '../profiles/platform-profile'
import type {
  AlipayDownloadOptions,
  AlipayDownloadResult,
  AlipayFailure,
  AlipayRequestOptions,
  AlipayRequestResult,
  AlipayTask,
  AlipayUploadOptions,
  AlipayUploadResult,
} from '../types/alipay-types'
import type { CallEngine, Outcome } from './call-engine'
import type { Answer } from './http-exchange'
import type { NetworkStats } from './network-stats'
import { findHeader, platformHeaders, timeoutOf } from './platform-call'
import { multipartBody, requestBody } from './request-body'
import { toHeaderObject } from './response-header'

/** Options of {@link createAlipayNetwork}. */
export interface AlipayNetworkOptions {
  readonly engine: CallEngine
  readonly stats: NetworkStats
  readonly timeouts: Readonly<Record<NetworkApi, number>>
  readonly appId: string
}

/** `my.request`, `my.uploadFile`, `my.downloadFile`. */
export interface AlipayNetwork {
  request(options: AlipayRequestOptions): AlipayTask
  uploadFile(options: AlipayUploadOptions): AlipayTask
  downloadFile(options: AlipayDownloadOptions): AlipayTask
}

const profile = ALIPAY_PROFILE
const failure =
  (api: NetworkApi) => (reason: Parameters<typeof profile.failure>[1], detail: string) =>
    profile.failure(api, reason, detail) as unknown as AlipayFailure

/** `my.uploadFile`'s accepted `fileType`s (the IDE checks; older clients require one). */
const FILE_TYPES = ['image', 'video', 'audio']

/**
 * Alipay's network, as its pages (AlipayDocs/open-docs, `mini/api/基础API/网络`) describe it:
 * - `my.request` reads `headers` (a `header` field is ignored) and answers `{ data, status,
 *   headers }` for 2xx only; any other status is a `fail` with error 19 (HTTP 错误) carrying
 *   `status`, `headers` and `data` (my.request.md; the FAQ reads `status` off a failure);
 *   `dataType` `json` (default) that does not parse fails with error 14 (解码失败), `text`
 *   leaves the body a string, `base64` gives a data URI, `arraybuffer` an `ArrayBuffer`;
 *   `responseType` is not an Alipay option and is ignored.
 * - `my.uploadFile` needs `fileName` and `fileType` (`image`/`video`/`audio`), else error 11
 *   (无效参数); it succeeds for every status, `statusCode` a string, with `header`.
 * - `my.downloadFile` answers `{ apFilePath }` for a 2xx, else fails with error 12 (下载失败).
 * - Tasks have `abort()` only.
 */
export function createAlipayNetwork(options: AlipayNetworkOptions): AlipayNetwork {
  const { engine, stats } = options
  const headersOf = (given?: Record<string, string>, defaults?: Record<string, string>) =>
    platformHeaders(profile, options.appId, given, defaults)
  const timeout = (api: NetworkApi, own: number | undefined) =>
    timeoutOf(own, options.timeouts[api], profile)

  return {
    request(o) {
      stats.requests++
      const method = o.method ?? 'GET'
      const abort = engine.start<AlipayRequestResult, AlipayFailure>({
        api: 'request',
        url: o.url,
        callbacks: o,
        refused: profile.methods.includes(method)
          ? undefined
          : failure('request')('method', method),
        timeoutMs: timeout('request', o.timeout),
        redirect: 'follow',
        async prepare() {
          // "my.request 的请求头默认值为 {'content-type': 'application/json'}" (my.request.md).
          const headers = headersOf(o.headers, { 'content-type': 'application/json' })
          const contentType = headers[findHeader(headers, 'content-type') as string] as string
          return { method, headers, ...requestBody(o.url, method, o.data, contentType) }
        },
        conclude: async (answer) => concludeRequest(answer, o.dataType ?? 'json'),
        failure: failure('request'),
      })
      return { abort }
    },
    uploadFile(o) {
      stats.uploads++
      const valid = typeof o.fileName === 'string' && FILE_TYPES.includes(o.fileType ?? '')
      const abort = engine.start<AlipayUploadResult, AlipayFailure>({
        api: 'uploadFile',
        url: o.url,
        callbacks: o,
        refused: valid ? undefined : { error: 11, errorMessage: '无效参数' },
        timeoutMs: timeout('uploadFile', o.timeout),
        redirect: 'follow',
        async prepare() {
          const form = await multipartBody(o.fileName as string, o.filePath, o.formData)
          const headers = headersOf(o.header)
          const given = findHeader(headers, 'content-type')
          if (given !== undefined) delete headers[given]
          headers['Content-Type'] = form.contentType
          return { method: 'POST', url: o.url, headers, body: form.body }
        },
        conclude: async (a) => ({
          success: {
            data: a.body.toString(),
            statusCode: String(a.statusCode),
            header: toHeaderObject(a.rawHeaders, false),
          },
        }),
        failure: failure('uploadFile'),
      })
      return { abort }
    },
    downloadFile(o) {
      stats.downloads++
      const abort = engine.start<AlipayDownloadResult, AlipayFailure>({
        api: 'downloadFile',
        url: o.url,
        callbacks: o,
        timeoutMs: timeout('downloadFile', undefined),
        redirect: 'follow',
        prepare: async () => ({ method: 'GET', url: o.url, headers: headersOf(o.header) }),
        async conclude(a) {
          if (a.statusCode < 200 || a.statusCode > 299) {
            return { failure: { error: 12, errorMessage: '下载失败' } }
          }
          const path = join(tmpdir(), `mini-runtime-${randomBytes(8).toString('hex')}`)
          await writeFile(path, a.body)
          return { success: { apFilePath: path } }
        },
        failure: failure('downloadFile'),
      })
      return { abort }
    },
  }
}

/** `my.request`'s outcome for an answer: a 2xx `success`, else `fail` with error 19 or 14. */
function concludeRequest(
  answer: Answer,
  dataType: string,
): Outcome<AlipayRequestResult, AlipayFailure> {
  const status = answer.statusCode
  const headers = toHeaderObject(answer.rawHeaders, false)
  const text = answer.body.toString()
  let data: unknown = text
  const type = dataType.toLowerCase()
  if (type === 'arraybuffer') {
    data = answer.body.buffer.slice(
      answer.body.byteOffset,
      answer.body.byteOffset + answer.body.byteLength,
    )
  } else if (type === 'base64') {
    const contentType = headers[findHeader(headers, 'content-type') ?? ''] ?? ''
    data = `data:${contentType};base64,${answer.body.toString('base64')}`
  }
  if (status < 200 || status > 299) {
    return { failure: { error: 19, errorMessage: 'http status error', status, headers, data } }
  }
  if (type === 'json') {
    try {
      data = JSON.parse(text) as unknown
    } catch {
      return {
        failure: { error: 14, errorMessage: 'JSON parse data error', status, headers, data },
      }
    }
  }
  return { success: { data, status, headers } }
}
