import type { FailureReason, NetworkApi, PlatformProfile } from './platform-profile'

// DOCS below: Alipay's pages as kept in the AlipayDocs/open-docs repository,
// https://github.com/AlipayDocs/open-docs/tree/master/mini/api/基础API (opendocs.alipay.com).

/**
 * An Alipay `fail` result: `{ error, errorMessage }` (my.request.md, 错误码, in DOCS/网络):
 * 2 参数错误 (the runtime's answer to a method `my.request` does not take: no page says what
 * Alipay answers), 4/11 无权调用该接口 (domain not in the whitelist; "无权跨域调用" in
 * my.request 常见问题.md), 12 网络出错, 13 超时, 9 `request:fail abort` (RequestTask.abort()).
 */
export function alipayFailure(
  api: NetworkApi,
  reason: FailureReason,
  detail: string,
): Record<string, unknown> {
  switch (reason) {
    case 'method':
      return { error: 2, errorMessage: `参数错误: method` }
    case 'domain':
      return { error: 11, errorMessage: '无权跨域调用' }
    case 'timeout':
      return { error: 13, errorMessage: '请求超时' }
    case 'abort':
      return { error: 9, errorMessage: `${api}:fail abort` }
    case 'network':
    case 'overflow':
      return { error: 12, errorMessage: `网络出错: ${detail}` }
  }
}

/** Alipay's `my`, as its documentation (DOCS) describes it. */
export const ALIPAY_PROFILE: PlatformProfile = Object.freeze({
  platform: 'alipay',
  global: 'my',
  // "my.request 目前支持 GET/POST/PUT/DELETE（其中 PUT 和 DELETE 请求在支付宝客户端 10.1.95 或更高版本支持）"
  // (DOCS/网络/my.request.md); uni-app's table has neither on Alipay. Strict: GET and POST.
  methods: ['GET', 'POST'],
  // "my.request 同时发起的请求数量没有限制" (DOCS/网络/my.request 常见问题.md).
  maxInFlight: Number.POSITIVE_INFINITY,
  // my.request: "超时时间，单位 ms，默认 30000"; "默认超时时间为 30s，上限为 60s" (FAQ);
  // my.uploadFile: "默认值 60000" (DOCS/网络/my.uploadFile.md); my.downloadFile takes none.
  defaultTimeoutMs: { request: 30_000, uploadFile: 60_000, downloadFile: 60_000 },
  maxTimeoutMs: 60_000,
  // No `networkTimeout` in Alipay's app.json documentation.
  appJsonTimeouts: false,
  // "单个 key 允许存储的最大数据大小为 200KB，单个小程序数据存储上限为 10MB" (DOCS/缓存/my.setStorageSync.md).
  storage: { maxItemBytes: 200 * 1024, maxTotalBytes: 10 * 1024 * 1024 },
  lowercaseHeaders: false,
  http2Option: false,
  manualRedirect: false,
  // my.request's RequestTask has abort() only; UploadTask.onHeadersReceived needs client
  // 10.2.90 (my.uploadFile.md): the stricter reading leaves it out.
  requestHeadersEvent: 'none',
  cookies: false,
  okMessage: false,
  // "格式固定为 https://{appid}.hybrid.alipay-eco.com/{appid}/{version}/index.html#pages/index"
  // (my.request.md, referer 说明).
  referer: (appId: string) =>
    `https://${appId}.hybrid.alipay-eco.com/${appId}/devtools/index.html#pages/index`,
  fixedHeaders: ['referer'],
  failure: alipayFailure,
})
