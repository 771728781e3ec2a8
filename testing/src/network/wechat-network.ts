import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { headerValue, multipartBody, requestBody } from './request-body'
import type {
  WxCallbacks,
  WxDownloadOptions,
  WxDownloadResult,
  WxFailure,
  WxHeader,
  WxRequestOptions,
  WxRequestResult,
  WxTask,
  WxUploadOptions,
  WxUploadResult,
} from '../types/wechat-types'

/** Options of {@link createWxNetwork}. */
export interface WxNetworkOptions {
  /** Requests, uploads and downloads running at once. Default 10, as on WeChat. */
  maxInFlight?: number
  /** Past `maxInFlight`: wait for a free slot (default), or `fail` at once. */
  overflow?: 'queue' | 'fail'
  /** Lowercase every response header name, as WeChat does over HTTP/2 (`enableHttp2`). */
  http2?: boolean
  /** Default timeout of a call in ms. Default 60 000, WeChat's. */
  timeoutMs?: number
  /** Runs every callback; the runtime uses it to drop callbacks once it is closed. */
  deliver: (callback: () => void) => void
  /** The `Referer` WeChat sets: `https://servicewechat.com/<appId>/devtools/page-frame.html`. */
  appId: string
}

/** Counters of the network APIs. */
export interface WxNetworkStats {
  requests: number
  uploads: number
  downloads: number
  inFlight: number
  peakInFlight: number
  /** Calls that had to wait for a slot (`overflow: 'queue'`) or failed for one (`'fail'`). */
  overflowed: number
}

/** `wx.request`, `wx.uploadFile`, `wx.downloadFile` over `node:http`. */
export interface WxNetwork {
  request(options: WxRequestOptions): WxTask
  uploadFile(options: WxUploadOptions): WxTask
  downloadFile(options: WxDownloadOptions): WxTask
  readonly stats: WxNetworkStats
  /** Resolves once no call is running or waiting, including calls their callbacks started. */
  settled(): Promise<void>
  /** Abort every call; their callbacks never run. */
  abortAll(): void
  /** Count `work` as running until it settles (`settled()` waits for it): `wx.login`. */
  track(work: Promise<unknown>): void
}

type Kind = 'request' | 'uploadFile' | 'downloadFile'
interface Answer {
  statusCode: number
  header: WxHeader
  cookies: string[]
  body: Buffer
}
type HeadersListener = (result: { header: WxHeader }) => void

/** Response headers as WeChat gives them: the server's names (or lowercase), duplicates joined. */
function responseHeader(res: http.IncomingMessage, lowercase: boolean): WxHeader {
  const header: WxHeader = {}
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    const raw = res.rawHeaders[i] as string
    const name = lowercase ? raw.toLowerCase() : raw
    const value = res.rawHeaders[i + 1] as string
    const same = Object.keys(header).find((k) => k.toLowerCase() === raw.toLowerCase())
    if (same === undefined) header[name] = value
    else header[same] = `${header[same]}, ${value}`
  }
  return header
}

/**
 * The network half of the runtime. WeChat's semantics: `success` for every HTTP status, `fail`
 * with `errMsg` (`request:fail timeout`, `request:fail abort`, `request:fail <reason>`), then
 * `complete`; `onHeadersReceived` before the body; at most `maxInFlight` calls at once.
 */
export function createWxNetwork(options: WxNetworkOptions): WxNetwork {
  const maxInFlight = options.maxInFlight ?? 10
  const stats: WxNetworkStats = {
    requests: 0,
    uploads: 0,
    downloads: 0,
    inFlight: 0,
    peakInFlight: 0,
    overflowed: 0,
  }
  const waiting: Array<() => void> = []
  const pending = new Set<Promise<void>>()
  const aborts = new Set<() => void>()

  function call<R>(
    kind: Kind,
    o: WxCallbacks<R> & { url: string; header?: Record<string, string>; timeout?: number },
    lowercase: boolean,
    prepare: () => Promise<{ method: string; url: string; headers: WxHeader; body?: Buffer }>,
    toResult: (answer: Answer) => Promise<R>,
  ): WxTask {
    const listeners = new Set<HeadersListener>()
    let done = false
    let cancel: (errMsg: string) => void = () => undefined
    let release: () => void = () => undefined
    const finished = new Promise<void>((resolve) => (release = resolve))
    pending.add(finished)
    const settle = (result: R | null, errMsg?: string): void => {
      if (done) return
      done = true
      aborts.delete(abort)
      const outcome: R | WxFailure = result ?? { errMsg: `${kind}:fail ${errMsg}` }
      options.deliver(() => {
        if (result !== null) o.success?.(result)
        else o.fail?.(outcome as WxFailure)
        o.complete?.(outcome)
      })
      pending.delete(finished)
      release()
    }
    const abort = (): void => cancel('abort')
    aborts.add(abort)

    const start = async (): Promise<void> => {
      stats.inFlight++
      stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight)
      let req: http.ClientRequest | undefined
      const timer = setTimeout(() => cancel('timeout'), o.timeout ?? options.timeoutMs ?? 60_000)
      cancel = (errMsg) => {
        req?.destroy()
        settle(null, errMsg)
      }
      try {
        const { method, url, headers, body } = await prepare()
        if (done) return
        headers['Referer'] = `https://servicewechat.com/${options.appId}/devtools/page-frame.html`
        const answer = await new Promise<Answer>((resolve, reject) => {
          req = http.request(url, { method, headers }, (res) => {
            const header = responseHeader(res, lowercase)
            listeners.forEach((listener) => options.deliver(() => listener({ header })))
            const chunks: Buffer[] = []
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('error', reject)
            res.on('end', () =>
              resolve({
                statusCode: res.statusCode ?? 0,
                header,
                cookies: [res.headers['set-cookie'] ?? []].flat(),
                body: Buffer.concat(chunks),
              }),
            )
          })
          req.on('error', reject)
          req.end(body)
        })
        settle(await toResult(answer))
      } catch (error) {
        settle(null, error instanceof Error ? error.message : String(error))
      } finally {
        clearTimeout(timer)
        stats.inFlight--
        waiting.shift()?.()
      }
    }

    if (stats.inFlight < maxInFlight) void start()
    else if (options.overflow === 'fail') {
      stats.overflowed++
      settle(null, `exceed max task count ${maxInFlight}`)
    } else {
      stats.overflowed++
      const go = (): void => void start()
      waiting.push(go)
      cancel = (errMsg) => {
        waiting.splice(waiting.indexOf(go) >>> 0, 1)
        settle(null, errMsg)
      }
    }
    return {
      abort,
      onHeadersReceived: (listener) => void listeners.add(listener),
      offHeadersReceived: (listener) =>
        listener === undefined ? listeners.clear() : void listeners.delete(listener),
    }
  }

  const lower = (o: { enableHttp2?: boolean }): boolean =>
    options.http2 === true || o.enableHttp2 === true
  const headersOf = (o: { header?: Record<string, string> }): WxHeader => ({ ...(o.header ?? {}) })

  return {
    stats,
    request(o) {
      stats.requests++
      return call<WxRequestResult>(
        'request',
        o,
        lower(o),
        async () => {
          const method = (o.method ?? 'GET').toUpperCase()
          const headers = headersOf(o)
          if (headerValue(headers, 'content-type') === undefined) {
            headers['content-type'] = 'application/json'
          }
          const contentType = headerValue(headers, 'content-type') as string
          return { method, headers, ...requestBody(o.url, method, o.data, contentType) }
        },
        async (a) => {
          let data: unknown =
            o.responseType === 'arraybuffer' ? new Uint8Array(a.body).buffer : a.body.toString()
          if ((o.dataType ?? 'json') === 'json' && typeof data === 'string' && data !== '') {
            try {
              data = JSON.parse(data)
            } catch {
              // WeChat leaves a body that is not JSON as a string.
            }
          }
          return {
            data,
            statusCode: a.statusCode,
            header: a.header,
            cookies: a.cookies,
            errMsg: 'request:ok',
          }
        },
      )
    },
    uploadFile(o) {
      stats.uploads++
      return call<WxUploadResult>(
        'uploadFile',
        o,
        lower(o),
        async () => {
          const form = await multipartBody(o.name, o.filePath, o.formData)
          const headers = { ...headersOf(o), 'content-type': form.contentType }
          return { method: 'POST', url: o.url, headers, body: form.body }
        },
        async (a) => ({
          data: a.body.toString(),
          statusCode: a.statusCode,
          errMsg: 'uploadFile:ok',
        }),
      )
    },
    downloadFile(o) {
      stats.downloads++
      return call<WxDownloadResult>(
        'downloadFile',
        o,
        lower(o),
        async () => ({ method: 'GET', url: o.url, headers: headersOf(o) }),
        async (a) => {
          const path = o.filePath ?? join(tmpdir(), `wx-runtime-${randomBytes(8).toString('hex')}`)
          await writeFile(path, a.body)
          const saved = o.filePath === undefined ? { tempFilePath: path } : { filePath: path }
          return { ...saved, statusCode: a.statusCode, errMsg: 'downloadFile:ok' }
        },
      )
    },
    async settled() {
      while (pending.size > 0) {
        await Promise.all(pending)
        // Let callbacks start what they start (a replay after a login) before looking again.
        // (setTimeout: jsdom environments have no setImmediate.)
        await new Promise((resolve) => setTimeout(resolve, 0))
      }
    },
    abortAll: () => [...aborts].forEach((abort) => abort()),
    track(work) {
      const done = work.then(
        () => undefined,
        () => undefined,
      )
      pending.add(done)
      void done.then(() => pending.delete(done))
    },
  }
}
