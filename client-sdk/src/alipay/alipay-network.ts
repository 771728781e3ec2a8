import type { RawHeaders } from '../core/types'
import type {
  MiniCallOptions,
  MiniCommonOptions,
  MiniNetworkApi,
  MiniResult,
  MiniUploadOptions,
} from '../mini/mini-api'

/** What Alipay's network calls pass to `success` or `fail`. */
export interface AlipayResult {
  /** `my.request` (also in `fail`, for an HTTP error status). */
  status?: number | string
  headers?: RawHeaders
  /** `my.uploadFile` (a string). */
  statusCode?: number | string
  header?: RawHeaders
  data?: unknown
  /** `my.downloadFile`: the only field of its result. */
  apFilePath?: string
  /** Failures: an `error` code (13 is a timeout) and an `errorMessage`. */
  error?: number
  errorMessage?: string
}

/** Options the SDK passes to Alipay's network calls: WeChat's, plus Alipay's own names. */
export interface AlipayCallOptions
  extends
    Omit<MiniCommonOptions, 'success' | 'fail'>,
    Partial<Omit<MiniUploadOptions, keyof MiniCommonOptions>> {
  method?: string
  data?: string | ArrayBuffer
  dataType?: string
  responseType?: string
  /** `my.request`'s request headers. */
  headers?: Readonly<Record<string, string>>
  /** `my.uploadFile`. */
  fileName?: string
  fileType?: string
  success?: (result: AlipayResult) => void
  fail?: (failure: AlipayResult) => void
}

/** Alipay's `my.request`, `my.uploadFile` and `my.downloadFile`. */
export interface AlipayNetworkApi {
  request(options: AlipayCallOptions): unknown
  uploadFile?(options: AlipayCallOptions): unknown
  downloadFile?(options: AlipayCallOptions): unknown
}

/** WeChat's result shape from Alipay's. */
function toMiniResult(result: AlipayResult): MiniResult {
  return {
    // `my.downloadFile` succeeds only on 2xx, and says nothing of the status.
    statusCode: Number(result.status || result.statusCode || 200),
    header: result.headers || result.header,
    data: result.data,
    filePath: result.apFilePath,
  }
}

/**
 * A WeChat-shaped view of Alipay's network API, for the shared mini transport. `my.request`
 * takes `headers`; `my.uploadFile` wants `fileName` and `fileType` (`image` unless
 * `formData.fileType` says otherwise); an HTTP error status arrives through `fail` and is an
 * answer all the same; failures carry `errorMessage`, and error 13 is a timeout. `my` itself is
 * never changed.
 */
export function alipayNetwork(my: AlipayNetworkApi): MiniNetworkApi {
  /** Calls `call` with WeChat's options `o`, Alipay's `extra` names, and adapted callbacks. */
  const forward = (
    call: (options: AlipayCallOptions) => unknown,
    o: MiniCallOptions,
    extra: Partial<AlipayCallOptions>,
  ): unknown => {
    const success = (result: AlipayResult) => o.success && o.success(toMiniResult(result || {}))
    const fail = (failure: AlipayResult) => {
      const f = failure || {}
      if (Number(f.status || f.statusCode) >= 100) return success(f)
      const errMsg = f.error === 13 ? 'request:fail timeout' : f.errorMessage || 'request:fail'
      if (o.fail) o.fail(Object.assign({}, f, { errMsg }))
    }
    return call.call(my, Object.assign({}, o, extra, { success, fail }))
  }
  // Missing calls stay missing.
  const { uploadFile, downloadFile } = my
  return {
    // `my.request` has no `responseType`: its `dataType: 'arraybuffer'` gives the bytes
    // (Alipay's my.request page, AlipayDocs/open-docs `mini/api/基础API/网络/my.request.md`).
    request: (o) =>
      forward(my.request, o, {
        headers: o.header,
        dataType: o.responseType === 'arraybuffer' ? 'arraybuffer' : o.dataType,
      }),
    uploadFile:
      uploadFile &&
      ((o) =>
        forward(uploadFile, o, {
          fileName: o.name,
          fileType: (o.formData && o.formData.fileType) || 'image',
        })),
    downloadFile: downloadFile && ((o) => forward(downloadFile, o, {})),
  }
}
