/** The platforms the runtime plays: WeChat, Alipay, ByteDance (Douyin), QQ, Baidu. */
export type MiniPlatform = 'wx' | 'alipay' | 'tt' | 'qq' | 'swan'

/** The three network calls. */
export type NetworkApi = 'request' | 'uploadFile' | 'downloadFile'

/**
 * Why a call ended without an answer, before the platform puts it into words:
 * a method its `request` does not take, a host outside the domain list, the timeout, an
 * `abort()`, a network error (connection refused, reset...), or no free slot (`overflow: 'fail'`).
 */
export type FailureReason = 'method' | 'domain' | 'timeout' | 'abort' | 'network' | 'overflow'

/** Storage limits in bytes. */
export interface StorageLimits {
  /** One key: its name and the JSON of its value. */
  readonly maxItemBytes: number
  /** All keys together. */
  readonly maxTotalBytes: number
}

/** What `onHeadersReceived` of a `request` task reports on a platform. */
export type RequestHeadersEvent = 'header' | 'header-status-cookies' | 'none'

/**
 * What the runtime knows of one platform: each field is a documented (or reported) behaviour,
 * with its source next to its value in the platform's file (`wx.ts`, `alipay.ts`, ...).
 */
export interface PlatformProfile {
  readonly platform: MiniPlatform
  /** The global the platform's code calls: `wx`, `my`, `tt`, `qq`, `swan`. */
  readonly global: string
  /** The methods `request` takes, upper case. Any other fails (`FailureReason` `method`). */
  readonly methods: readonly string[]
  /** Calls (request, upload, download together) running at once; the rest wait or fail. */
  readonly maxInFlight: number
  /** Timeout of a call that sets none, per call, in ms. */
  readonly defaultTimeoutMs: Readonly<Record<NetworkApi, number>>
  /** The longest timeout the platform honours, ms: a longer one is cut to this. */
  readonly maxTimeoutMs: number
  /** Whether `app.json` `networkTimeout` sets the default timeouts. */
  readonly appJsonTimeouts: boolean
  readonly storage: StorageLimits
  /** Response header names reported in lower case, always. */
  readonly lowercaseHeaders: boolean
  /** Whether a call's `enableHttp2: true` turns response header names lower case. */
  readonly http2Option: boolean
  /** Whether `request` honours `redirect: 'manual'`; otherwise redirects are always followed. */
  readonly manualRedirect: boolean
  /** What a request task's `onHeadersReceived` listener gets. */
  readonly requestHeadersEvent: RequestHeadersEvent
  /** Whether a request's `success` result carries `cookies: string[]`. */
  readonly cookies: boolean
  /** Whether a request's `success` result carries `errMsg: 'request:ok'`. */
  readonly okMessage: boolean
  /** The `Referer` of every call, or none. */
  referer(appId: string): string | undefined
  /** Request headers a call cannot set (lower case): the platform drops them. */
  readonly fixedHeaders: readonly string[]
  /** The object `fail` receives for `reason` (`detail`: the network error's words). */
  failure(api: NetworkApi, reason: FailureReason, detail: string): Record<string, unknown>
}
