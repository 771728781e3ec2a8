import * as http from 'node:http'

/** What `wx.request` gets from the SDK (the subset this runtime implements). */
interface RequestOptions {
  url: string
  method?: string
  header?: Record<string, string>
  data?: string | ArrayBuffer
  dataType?: string
  responseType?: string
  timeout?: number
  success?: (result: { data: unknown; statusCode: number; header: Record<string, string> }) => void
  fail?: (failure: { errMsg: string }) => void
  complete?: () => void
}

/** A `wx` for pages under Jest: real HTTP, a storage `Map`, and `wx.login` codes on demand. */
export interface WxNode {
  request(options: RequestOptions): { abort(): void }
  login(options: {
    success?: (r: { code: string }) => void
    fail?: (f: { errMsg: string }) => void
  }): void
  getStorageSync(key: string): unknown
  setStorageSync(key: string, value: unknown): void
  removeStorageSync(key: string): void
  /** What the test looks at and sets. */
  readonly node: {
    readonly storage: Map<string, unknown>
    /** Where `wx.login` gets its codes (a test points it at the server's WeChat stand-in). */
    codes: () => Promise<string>
    logins: number
    /** Paths requested so far, as `METHOD /path`. */
    readonly sent: string[]
    /** Resolves when no request or login has been running for one macrotask. */
    idle(): Promise<void>
  }
}

/** Response headers as WeChat gives them over HTTP/1.1: the server's casing, duplicates joined. */
function headerOf(res: http.IncomingMessage): Record<string, string> {
  const header: Record<string, string> = {}
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    const name = res.rawHeaders[i] as string
    const same = Object.keys(header).find((k) => k.toLowerCase() === name.toLowerCase())
    if (same === undefined) header[name] = res.rawHeaders[i + 1] as string
    else header[same] += ', ' + res.rawHeaders[i + 1]
  }
  return header
}

// Pitfall 3 of the recipe: a callback that lands after the jsdom environment is torn down
// would crash Jest from a socket callback. Such late answers are dropped.
const alive = () => typeof document !== 'undefined' && !!document

/**
 * The `wx` of the demo's component tests: `request` over `node:http` with WeChat's shapes
 * (callbacks, `success` for every status, `dataType`), sync storage in a `Map`, and `login`
 * answering with `node.codes()`. Every request and login is tracked for `node.idle()`.
 */
export function createWxNode(): WxNode {
  const pending = new Set<Promise<void>>()
  const track = (work: Promise<void>) => {
    pending.add(work)
    void work.finally(() => pending.delete(work))
  }
  const storage = new Map<string, unknown>()
  const node: WxNode['node'] = {
    storage,
    codes: () => Promise.reject(new Error('no code source: set wx.node.codes')),
    logins: 0,
    sent: [],
    async idle() {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 0))
        if (pending.size === 0) return
        await Promise.allSettled([...pending])
      }
    },
  }

  function request(o: RequestOptions): { abort(): void } {
    const method = (o.method ?? 'GET').toUpperCase()
    node.sent.push(`${method} ${new URL(o.url).pathname}`)
    let settle: (deliver: () => void) => void = () => undefined
    track(
      new Promise<void>((resolve) => {
        let settled = false
        settle = (deliver) => {
          if (settled) return
          settled = true
          if (alive()) {
            deliver()
            o.complete?.()
          }
          resolve()
        }
      }),
    )
    const fail = (errMsg: string) => settle(() => o.fail?.({ errMsg: `request:fail ${errMsg}` }))
    const req = http.request(o.url, { method, headers: o.header ?? {} }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', (e) => fail(e.message))
      res.on('end', () => {
        const raw = Buffer.concat(chunks)
        let data: unknown =
          o.responseType === 'arraybuffer' ? new Uint8Array(raw).buffer : raw.toString()
        if ((o.dataType ?? 'json') === 'json' && typeof data === 'string') {
          try {
            data = JSON.parse(data)
          } catch {
            // WeChat leaves a body that is not JSON as a string.
          }
        }
        const result = { data, statusCode: res.statusCode ?? 0, header: headerOf(res) }
        settle(() => o.success?.(result))
      })
    })
    req.setTimeout(o.timeout ?? 60_000, () => {
      req.destroy()
      fail('timeout')
    })
    req.on('error', (e) => fail(e.message))
    const body = o.data
    req.end(body === undefined ? undefined : typeof body === 'string' ? body : Buffer.from(body))
    return {
      abort() {
        req.destroy()
        fail('abort')
      },
    }
  }

  return {
    request,
    login(o) {
      node.logins++
      track(
        node.codes().then(
          (code) => void (alive() && o.success?.({ code })),
          (e: Error) => void (alive() && o.fail?.({ errMsg: `login:fail ${e.message}` })),
        ),
      )
    },
    getStorageSync: (key) => storage.get(key) ?? '',
    setStorageSync: (key, value) => void storage.set(key, value),
    removeStorageSync: (key) => void storage.delete(key),
    node,
  }
}
