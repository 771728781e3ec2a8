import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FailureReason, NetworkApi, PlatformProfile } from '../profiles/platform-profile'
import type {
  WxCallbacks,
  WxDownloadOptions,
  WxDownloadResult,
  WxFailure,
  WxHeadersReceived,
  WxNetworkOptions,
  WxRequestOptions,
  WxRequestResult,
  WxTask,
  WxUploadOptions,
  WxUploadResult,
} from '../types/wechat-types'
import type { CallEngine, CallSpec } from './call-engine'
import type { Answer, OutgoingRequest } from './http-exchange'
import type { NetworkStats } from './network-stats'
import { findHeader, platformHeaders, timeoutOf } from './platform-call'
import { multipartBody, requestBody } from './request-body'
import { cookiesOf, toHeaderObject } from './response-header'

/** Options of {@link createWechatNetwork}. */
export interface WechatNetworkOptions {
  readonly profile: PlatformProfile
  readonly engine: CallEngine
  readonly stats: NetworkStats
  /** Default timeouts (`app.json` `networkTimeout` or the platform's). */
  readonly timeouts: Readonly<Record<NetworkApi, number>>
  /** Every response header name in lower case, as over HTTP/2. */
  readonly http2: boolean
  readonly appId: string
  readonly deliver: (callback: () => void) => void
}

/** `request`, `uploadFile`, `downloadFile` of a WeChat-shaped platform. */
export interface WechatNetwork {
  request(options: WxRequestOptions): WxTask
  uploadFile(options: WxUploadOptions): WxTask
  downloadFile(options: WxDownloadOptions): WxTask
}

type Listener = (result: WxHeadersReceived) => void

/**
 * The network of `wx`, `qq`, `tt` and `swan` over the shared engine: `success` for every HTTP
 * status, `fail` in the platform's words, `onHeadersReceived` before the body (with
 * `statusCode` and `cookies` on a WeChat request task), header names as the profile reports
 * them.
 */
export function createWechatNetwork(options: WechatNetworkOptions): WechatNetwork {
  const { profile, engine, stats } = options
  const failureOf = (api: NetworkApi, reason: FailureReason, detail: string) =>
    profile.failure(api, reason, detail) as unknown as WxFailure
  const lowercase = (o: WxNetworkOptions) =>
    profile.lowercaseHeaders || options.http2 || (profile.http2Option && o.enableHttp2 === true)

  function call<R>(
    api: NetworkApi,
    o: WxNetworkOptions & WxCallbacks<R>,
    spec: Pick<CallSpec<R, WxFailure>, 'prepare' | 'conclude'> &
      Partial<Pick<CallSpec<R, WxFailure>, 'refused' | 'redirect'>>,
    headersEvent: (answer: {
      statusCode: number
      rawHeaders: readonly string[]
    }) => WxHeadersReceived,
  ): WxTask {
    const listeners = new Set<Listener>()
    const abort = engine.start<R, WxFailure>({
      api,
      url: o.url,
      callbacks: o,
      timeoutMs: timeoutOf(o.timeout, options.timeouts[api], profile),
      redirect: spec.redirect ?? 'follow',
      refused: spec.refused,
      prepare: spec.prepare,
      conclude: spec.conclude,
      onHead: (head) => listeners.forEach((listener) => listener(headersEvent(head))),
      failure: (reason, detail) => failureOf(api, reason, detail),
    })
    return {
      abort,
      onHeadersReceived: (listener) => void listeners.add(listener),
      offHeadersReceived: (listener) =>
        listener === undefined ? listeners.clear() : void listeners.delete(listener),
    }
  }

  const headersOf = (o: WxNetworkOptions) => (head: { rawHeaders: readonly string[] }) => ({
    header: toHeaderObject(head.rawHeaders, lowercase(o)),
  })
  const outgoing = (o: WxNetworkOptions, defaults?: Record<string, string>) =>
    platformHeaders(profile, options.appId, o.header, defaults)

  return {
    request(o) {
      stats.requests++
      const method = o.method ?? 'GET'
      const wechatEvent = profile.requestHeadersEvent === 'header-status-cookies'
      return call<WxRequestResult>(
        'request',
        o,
        {
          refused: profile.methods.includes(method)
            ? undefined
            : failureOf('request', 'method', method),
          redirect: profile.manualRedirect && o.redirect === 'manual' ? 'manual' : 'follow',
          async prepare(): Promise<OutgoingRequest> {
            // "content-type 默认为 application/json" (RequestOption.header).
            const headers = outgoing(o, { 'content-type': 'application/json' })
            const contentType = headers[findHeader(headers, 'content-type') as string] as string
            return { method, headers, ...requestBody(o.url, method, o.data, contentType) }
          },
          async conclude(answer: Answer) {
            const result: WxRequestResult = {
              data: decodeData(answer.body, o.dataType, o.responseType),
              statusCode: answer.statusCode,
              header: toHeaderObject(answer.rawHeaders, lowercase(o)),
            }
            if (profile.cookies) result.cookies = cookiesOf(answer.rawHeaders)
            if (profile.okMessage) result.errMsg = 'request:ok'
            return { success: result }
          },
        },
        (head) =>
          wechatEvent
            ? {
                header: toHeaderObject(head.rawHeaders, lowercase(o)),
                statusCode: head.statusCode,
                cookies: cookiesOf(head.rawHeaders),
              }
            : headersOf(o)(head),
      )
    },
    uploadFile(o) {
      stats.uploads++
      return call<WxUploadResult>(
        'uploadFile',
        o,
        {
          async prepare() {
            const form = await multipartBody(o.name, o.filePath, o.formData)
            const headers = outgoing(o)
            const given = findHeader(headers, 'content-type')
            if (given !== undefined) delete headers[given]
            headers['Content-Type'] = form.contentType
            return { method: 'POST', url: o.url, headers, body: form.body }
          },
          conclude: async (a) => ({
            success: { data: a.body.toString(), statusCode: a.statusCode, errMsg: 'uploadFile:ok' },
          }),
        },
        headersOf(o),
      )
    },
    downloadFile(o) {
      stats.downloads++
      return call<WxDownloadResult>(
        'downloadFile',
        o,
        {
          prepare: async () => ({ method: 'GET', url: o.url, headers: outgoing(o) }),
          async conclude(a) {
            const path =
              o.filePath ?? join(tmpdir(), `mini-runtime-${randomBytes(8).toString('hex')}`)
            await writeFile(path, a.body)
            const saved = o.filePath === undefined ? { tempFilePath: path } : { filePath: path }
            return { success: { ...saved, statusCode: a.statusCode, errMsg: 'downloadFile:ok' } }
          },
        },
        headersOf(o),
      )
    },
  }
}

/**
 * A response body as `data`: an `ArrayBuffer` for `responseType: 'arraybuffer'`; else text,
 * parsed when `dataType` is `json` (the default) and the text is JSON.
 */
function decodeData(body: Buffer, dataType = 'json', responseType = 'text'): unknown {
  if (responseType === 'arraybuffer') {
    return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)
  }
  const text = body.toString()
  if (dataType !== 'json' || text === '') return text
  try {
    return JSON.parse(text) as unknown
  } catch {
    // WeChat leaves a body that is not JSON as a string.
    return text
  }
}
