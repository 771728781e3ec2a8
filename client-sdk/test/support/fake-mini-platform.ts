import { headerObject, later, type FakeServer, type HeaderReporting } from './fake-server'
import type {
  MiniCommonOptions,
  MiniPlatformApi,
  MiniRequestOptions,
  MiniUploadOptions,
} from '../../src/wx/index'

/** Any call the fake was given, its fields read without narrowing. */
export type FakeCall = MiniCommonOptions & Partial<MiniRequestOptions> & Partial<MiniUploadOptions>

/** How a WeChat-shaped fake behaves. */
export interface FakeMiniOptions extends HeaderReporting {
  /** errMsg prefix and login code prefix, e.g. `wx`. */
  readonly name: string
  readonly server: FakeServer
  /** Taro: `request` also returns a promise (with `abort`). */
  readonly promiseTasks?: boolean
  /** WeChat's per-key storage limit; past it `setStorageSync` throws. Default 1 MB. */
  readonly maxItemBytes?: number
  /**
   * The request domain list (origins). When given, a call to any other origin fails as WeChat's
   * does: `{"errno": 600002, "errMsg": "request:fail url not in domain list"}`
   * (https://developers.weixin.qq.com/community/develop/doc/0000aea47548982fc332cf6bd6b400).
   */
  readonly domains?: readonly string[]
  /**
   * The methods `request` takes. When given, another fails as WeChat's does for PATCH:
   * `request:fail method is invalid` (wendux/grace#15). Default: any.
   */
  readonly methods?: readonly string[]
}

/** A fake WeChat-shaped platform, plus what it recorded. */
export interface FakeMiniPlatform extends MiniPlatformApi {
  readonly calls: FakeCall[]
  readonly storage: Map<string, string>
  aborted: number
  logins: number
}

/**
 * A faithful fake of `wx` (and `tt`, `qq`, `swan`, `uni`, `Taro`): callbacks only, `success` on
 * every status, `header` object with the server's casing (or lowercase), duplicates joined,
 * `fail` with `errMsg`; upload/download results without headers, which only reach
 * `onHeadersReceived`.
 */
export function createFakeMiniPlatform(options: FakeMiniOptions): FakeMiniPlatform {
  const { name, server } = options
  const maxItemBytes = options.maxItemBytes ?? 1024 * 1024
  const storage = new Map<string, string>()
  const calls: FakeCall[] = []

  function run(kind: 'request' | 'upload' | 'download', o: FakeCall): unknown {
    calls.push(o)
    const api = kind === 'request' ? 'request' : kind === 'upload' ? 'uploadFile' : 'downloadFile'
    type HeadersListener = (r: { header: Record<string, string>; statusCode?: number }) => void
    const headersListeners: HeadersListener[] = []
    let done = false
    const fail = (errMsg: string, errno?: number) =>
      later(
        () =>
          !done && ((done = true), o.fail?.(errno === undefined ? { errMsg } : { errMsg, errno })),
      )
    const task = {
      abort: () => {
        platform.aborted++
        fail(`${api}:fail abort`)
      },
      onHeadersReceived: (listener: HeadersListener) => headersListeners.push(listener),
    }
    if (kind === 'request' && options.methods && !options.methods.includes(o.method ?? 'GET')) {
      fail(`${api}:fail method is invalid`)
      return task
    }
    if (options.domains && !options.domains.includes(new URL(o.url).origin)) {
      fail(`${api}:fail url not in domain list`, 600002)
      return task
    }
    const reply = server({
      kind,
      method: kind === 'request' ? (o.method ?? 'GET') : kind === 'upload' ? 'POST' : 'GET',
      url: o.url,
      headers: o.header ?? {},
      body: o.data,
      fileField: o.name,
      filePath: o.filePath,
      formData: o.formData,
    })
    if ('hang' in reply) return task
    if ('fail' in reply) {
      fail(reply.fail === 'timeout' ? `${api}:fail timeout` : `${api}:fail ssl hand shake error`)
      return task
    }
    const header = headerObject(reply.headers ?? [], options)
    const text = reply.body ?? ''
    later(() => {
      if (done) return
      // RequestTask's onHeadersReceived has statusCode on devices (not in the developer tools).
      const statusCode = kind === 'request' ? reply.status : undefined
      headersListeners.forEach((l) =>
        l(statusCode === undefined ? { header } : { header, statusCode }),
      )
      done = true
      // redirect 'manual' (base library 3.2.2): a 3xx "triggers onHeadersReceived and ends this
      // request" (RequestOption.redirect, miniprogram-api-typings 5.2.3): no success follows.
      const manual = (o as { redirect?: string }).redirect === 'manual'
      if (kind === 'request' && manual && reply.status >= 300 && reply.status < 400) return
      if (kind === 'upload') return o.success?.({ data: text, statusCode: reply.status })
      if (kind === 'download') {
        return o.success?.({ tempFilePath: `${name}file://tmp/download`, statusCode: reply.status })
      }
      let data: unknown = text
      if (o.responseType === 'arraybuffer') data = new TextEncoder().encode(text).buffer
      else if ((o.dataType ?? 'json') === 'json') {
        try {
          data = JSON.parse(text)
        } catch {
          data = text
        }
      }
      o.success?.({ data, statusCode: reply.status, header })
    })
    return options.promiseTasks ? Object.assign(Promise.resolve(), task) : task
  }

  const platform: FakeMiniPlatform = {
    calls,
    storage,
    aborted: 0,
    logins: 0,
    request: (o) => run('request', o),
    uploadFile: (o) => run('upload', o),
    downloadFile: (o) => run('download', o),
    getStorageSync: (key) => storage.get(key) ?? '',
    setStorageSync: (key, data) => {
      if (Buffer.byteLength(String(data)) > maxItemBytes) {
        throw new Error('setStorageSync:fail exceed storage item max length')
      }
      storage.set(key, data)
    },
    removeStorageSync: (key) => void storage.delete(key),
    login: (o) => {
      const code = `${name}-code-${++platform.logins}`
      later(() => o.success?.({ code }))
    },
  }
  return platform
}
