import { headerObject, later, type FakeServer } from './fake-server'
import type { AlipayApi, AlipayCallOptions } from '../../src/alipay/index'

/** A fake `my`, plus what it recorded. */
export interface FakeAlipay extends AlipayApi {
  readonly calls: AlipayCallOptions[]
  readonly storage: Map<string, string>
  aborted: number
  /** The `scopes` of every `my.getAuthCode` call. */
  readonly authScopes: string[]
}

/**
 * A faithful fake of Alipay's `my`: `my.request` reads `headers` and answers `status` and
 * `headers`; an HTTP error status goes to `fail` (error 19) with the response; failures carry
 * `error` codes (12 network, 13 timeout) and `errorMessage`. `uploadFile` needs `fileName` and
 * `fileType` and answers a string `statusCode`; `downloadFile` answers only `apFilePath`.
 * Storage takes `{ key, data }` objects.
 */
export function createFakeAlipay(server: FakeServer, maxItemBytes = 200 * 1024): FakeAlipay {
  const calls: AlipayCallOptions[] = []
  const storage = new Map<string, string>()
  let codes = 0

  function run(kind: 'request' | 'upload' | 'download', o: AlipayCallOptions): unknown {
    calls.push(o)
    let done = false
    const fail = (failure: Record<string, unknown>) =>
      later(() => !done && ((done = true), o.fail?.(failure)))
    const task = {
      abort: () => {
        my.aborted++
        fail({ error: 9, errorMessage: 'request aborted' })
      },
    }
    if (kind === 'upload' && (!o.fileName || !o.fileType)) {
      fail({ error: 2, errorMessage: 'fileName and fileType are required' })
      return task
    }
    const reply = server({
      kind,
      method: kind === 'request' ? (o.method ?? 'GET') : kind === 'upload' ? 'POST' : 'GET',
      url: o.url,
      headers: (kind === 'request' ? o.headers : o.header) ?? {},
      body: o.data,
      fileField: o.fileName,
      filePath: o.filePath,
      formData: o.formData,
    })
    if ('hang' in reply) return task
    if ('fail' in reply) {
      fail(
        reply.fail === 'timeout'
          ? { error: 13, errorMessage: '超时' }
          : { error: 12, errorMessage: '网络出错' },
      )
      return task
    }
    const headers = headerObject(reply.headers ?? [], {})
    const text = reply.body ?? ''
    later(() => {
      if (done) return
      done = true
      if (kind === 'upload')
        return o.success?.({ data: text, statusCode: String(reply.status), header: headers })
      if (kind === 'download') {
        if (reply.status >= 400) return o.fail?.({ error: 12, errorMessage: 'download failed' })
        return o.success?.({ apFilePath: 'https://resource/apml/download' })
      }
      let data: unknown = text
      if (o.dataType === 'arraybuffer') data = new TextEncoder().encode(text).buffer
      else if ((o.dataType ?? 'json') === 'json') data = JSON.parse(text || 'null')
      if (reply.status >= 200 && reply.status < 300)
        o.success?.({ data, status: reply.status, headers })
      else
        o.fail?.({
          error: 19,
          errorMessage: 'http status error',
          data,
          status: reply.status,
          headers,
        })
    })
    return task
  }

  const my: FakeAlipay = {
    calls,
    storage,
    aborted: 0,
    authScopes: [],
    request: (o) => run('request', o),
    uploadFile: (o) => run('upload', o),
    downloadFile: (o) => run('download', o),
    getStorageSync: ({ key }) => ({ data: storage.get(key) ?? null }),
    setStorageSync: ({ key, data }) => {
      if (Buffer.byteLength(data) > maxItemBytes)
        return { success: false, error: 15, errorMessage: 'exceeds limit' }
      storage.set(key, data)
      return { success: true }
    },
    removeStorageSync: ({ key }) => void storage.delete(key),
    getAuthCode: (o) => {
      my.authScopes.push(o.scopes)
      const authCode = `my-code-${++codes}`
      later(() => o.success?.({ authCode }))
    },
  }
  return my
}
