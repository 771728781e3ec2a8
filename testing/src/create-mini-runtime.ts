import { createWxLogin, type WxCodeSource } from './login/code-source'
import { createWxNetwork, type WxNetworkStats } from './network/wechat-network'
import { createWxStorage, type WxStorage, type WxStorageOptions } from './storage/wechat-storage'
import type {
  WxDownloadOptions,
  WxLoginOptions,
  WxRequestOptions,
  WxTask,
  WxUploadOptions,
} from './types/wechat-types'

/** Options of {@link createWxRuntime}. */
export interface WxRuntimeOptions {
  /** What `wx.login` answers. Without it, `wx.login` fails. */
  login?: WxCodeSource
  /** Requests, uploads and downloads at once. Default 10 (WeChat's limit). */
  maxInFlight?: number
  /** Past `maxInFlight`: `queue` (default) or `fail`. */
  overflow?: 'queue' | 'fail'
  /** Lowercase response header names on every call, as over HTTP/2. Default false. */
  http2?: boolean
  /** Default timeout of network calls, ms. Default 60 000. */
  timeoutMs?: number
  /** The appid in the `Referer` of every call. Default `touristappid`. */
  appId?: string
  /** Storage limits (WeChat: 1 MB per key, 10 MB in all). */
  storage?: WxStorageOptions
  /**
   * Called with an error a callback threw (WeChat reports them to `App.onError` and goes on).
   * Default: keep it in `errors` and print it.
   */
  onError?: (error: unknown) => void
}

/** A `wx` for Node: network, storage and login, plus what tests look at. */
export interface WxRuntime extends WxStorage {
  request(options: WxRequestOptions): WxTask
  uploadFile(options: WxUploadOptions): WxTask
  downloadFile(options: WxDownloadOptions): WxTask
  login(options?: WxLoginOptions): void
  /** Counters: calls, in flight, peak in flight, overflowed, logins. */
  readonly stats: Readonly<WxNetworkStats & { logins: number }>
  /** Errors that callbacks threw (see `onError`). */
  readonly errors: unknown[]
  /** Resolves once no network call is running or waiting. */
  settled(): Promise<void>
  /**
   * Abort what runs and run no callback any more: call it before the page's environment goes
   * away, or a late answer would touch a torn-down page.
   */
  close(): void
}

/**
 * A small WeChat runtime on Node: `wx.request`/`uploadFile`/`downloadFile` over `node:http` with
 * WeChat's semantics, `wx.login` with codes from the dev WeChat stand-in, and storage with
 * WeChat's limits. Pass it as the SDK's `api`, or install it as `global.wx`.
 *
 * @example
 * const wx = createWxRuntime({ login: { standInUrl: `${url}/__dev/wechat`, openid: 'alice' } })
 * wx.request({ url: `${url}/api/counter`, method: 'POST', success: (r) => console.log(r.data) })
 */
export function createWxRuntime(options: WxRuntimeOptions = {}): WxRuntime {
  let closed = false
  const errors: unknown[] = []
  const onError =
    options.onError ??
    ((error: unknown) => {
      errors.push(error)
      console.error('wx runtime: a callback threw', error)
    })
  const deliver = (callback: () => void): void => {
    if (closed) return
    try {
      callback()
    } catch (error) {
      onError(error)
    }
  }
  const network = createWxNetwork({
    maxInFlight: options.maxInFlight,
    overflow: options.overflow,
    http2: options.http2,
    timeoutMs: options.timeoutMs,
    appId: options.appId ?? 'touristappid',
    deliver,
  })
  const stats = Object.assign(network.stats, { logins: 0 })
  const login = createWxLogin(
    options.login ?? (() => Promise.reject(new Error('no code source configured'))),
    deliver,
    (work) => {
      stats.logins++
      network.track(work)
    },
  )
  return {
    ...createWxStorage(options.storage),
    request: network.request,
    uploadFile: network.uploadFile,
    downloadFile: network.downloadFile,
    login,
    stats,
    errors,
    settled: network.settled,
    close() {
      closed = true
      network.abortAll()
    },
  }
}
