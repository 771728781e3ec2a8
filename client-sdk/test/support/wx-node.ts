import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as http from 'node:http'
import * as os from 'node:os'
import * as path from 'node:path'
import type { MiniCallOptions, MiniPlatformApi, MiniResult } from '../../src/wx/index'

/** Options of {@link createWxNode}. */
export interface WxNodeOptions {
  /** What `wx.login` answers: a code (the server's WeChat stand-in issues them). */
  codes: () => string | Promise<string>
  /** WeChat's per-key storage limit. Default 1 MB. */
  maxItemBytes?: number
}

/** A `wx` for Node, plus what tests look at. */
export interface WxNode extends MiniPlatformApi {
  readonly storage: Map<string, string>
  /** `wx.login` calls so far. */
  logins: number
  /** Requests, uploads and downloads so far. */
  sent: number
}

type Header = Record<string, string>

/** Response headers as WeChat reports them on HTTP/1.1: the server's casing, duplicates joined. */
function headerOf(res: http.IncomingMessage): Header {
  const header: Header = {}
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    const name = res.rawHeaders[i] as string
    const value = res.rawHeaders[i + 1] as string
    const same = Object.keys(header).find((k) => k.toLowerCase() === name.toLowerCase())
    if (same === undefined) header[name] = value
    else header[same] += ', ' + value
  }
  return header
}

/** A multipart body with the form fields and the file at `filePath`. */
function multipart(o: MiniCallOptions): { body: Buffer; type: string } {
  const boundary = '----wx' + randomBytes(8).toString('hex')
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(o.formData ?? {})) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    )
  }
  const file = path.basename(o.filePath ?? 'file')
  parts.push(
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="${o.name}"; filename="${file}"\r\n\r\n`,
    ),
    fs.readFileSync(o.filePath ?? ''),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  )
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` }
}

/**
 * A small wx-on-Node runtime: `wx.request`/`uploadFile`/`downloadFile` over `node:http`, with
 * WeChat's shapes (callbacks, `success` on every status, the server's header casing,
 * `onHeadersReceived`, `fail` with `errMsg`), a storage `Map` with the 1 MB per-key limit, and
 * `wx.login` answering the codes `codes()` supplies.
 */
export function createWxNode(options: WxNodeOptions): WxNode {
  const maxItemBytes = options.maxItemBytes ?? 1024 * 1024
  const storage = new Map<string, string>()

  function send(kind: 'request' | 'uploadFile' | 'downloadFile', o: MiniCallOptions) {
    wx.sent++
    const listeners: Array<(r: { header: Header }) => void> = []
    let settled = false
    const finish = (result: MiniResult | null, errMsg?: string) => {
      if (settled) return
      settled = true
      if (result) o.success?.({ ...result, errMsg: `${kind}:ok` } as MiniResult)
      else o.fail?.({ errMsg: `${kind}:fail ${errMsg}` })
    }
    const headers: Header = { ...(o.header ?? {}) }
    let body: Buffer | undefined
    if (kind === 'uploadFile') {
      const form = multipart(o)
      body = form.body
      headers['content-type'] = form.type
    } else if (o.data !== undefined) {
      body = typeof o.data === 'string' ? Buffer.from(o.data) : Buffer.from(new Uint8Array(o.data))
    }
    const method = kind === 'request' ? (o.method ?? 'GET') : kind === 'uploadFile' ? 'POST' : 'GET'
    const req = http.request(o.url, { method, headers }, (res) => {
      const header = headerOf(res)
      listeners.forEach((listener) => listener({ header }))
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', (e) => finish(null, e.message))
      res.on('end', () => {
        const raw = Buffer.concat(chunks)
        const statusCode = res.statusCode ?? 0
        if (kind === 'uploadFile') return finish({ data: raw.toString(), statusCode })
        if (kind === 'downloadFile') {
          const tempFilePath = path.join(os.tmpdir(), 'wx-node-' + randomBytes(6).toString('hex'))
          fs.writeFileSync(tempFilePath, raw)
          return finish({ tempFilePath, statusCode })
        }
        let data: unknown =
          o.responseType === 'arraybuffer' ? new Uint8Array(raw).buffer : raw.toString()
        if ((o.dataType ?? 'json') === 'json' && typeof data === 'string') {
          try {
            data = JSON.parse(data)
          } catch {
            // WeChat leaves a non-JSON body as a string.
          }
        }
        finish({ data, statusCode, header })
      })
    })
    req.setTimeout(o.timeout ?? 60000, () => {
      req.destroy()
      finish(null, 'timeout')
    })
    req.on('error', (e) => finish(null, e.message))
    req.end(body)
    return {
      abort() {
        req.destroy()
        finish(null, 'abort')
      },
      onHeadersReceived: (listener: (r: { header: Header }) => void) =>
        void listeners.push(listener),
    }
  }

  const wx: WxNode = {
    storage,
    logins: 0,
    sent: 0,
    request: (o) => send('request', o),
    uploadFile: (o) => send('uploadFile', o),
    downloadFile: (o) => send('downloadFile', o),
    getStorageSync: (key) => storage.get(key) ?? '',
    setStorageSync(key, data) {
      if (Buffer.byteLength(JSON.stringify(data)) > maxItemBytes) {
        throw new Error('setStorageSync:fail exceed storage item max length')
      }
      storage.set(key, data)
    },
    removeStorageSync: (key) => void storage.delete(key),
    login(o) {
      wx.logins++
      Promise.resolve()
        .then(options.codes)
        .then(
          (code) => o.success?.({ code }),
          (e: Error) => o.fail?.({ errMsg: 'login:fail ' + e.message }),
        )
    },
  }
  return wx
}
