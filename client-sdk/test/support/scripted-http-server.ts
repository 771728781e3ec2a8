import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FakeServer, ServerRequest } from './fake-server'

/** A real HTTP server answering as a {@link FakeServer} script says. */
export interface ScriptedHttpServer {
  /** `http://127.0.0.1:<port>` */
  readonly base: string
  /** What answers the next requests; replace it per test. */
  script: FakeServer
  close(): Promise<void>
}

/** The fields and the file of a `multipart/form-data` body (the parts a mini-program sends). */
function parseMultipart(body: Buffer, contentType: string) {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1] ?? ''
  const formData: Record<string, string> = {}
  let fileField: string | undefined
  for (const part of body.toString('latin1').split(`--${boundary}`)) {
    const at = part.indexOf('\r\n\r\n')
    if (at < 0) continue
    const head = part.slice(0, at)
    const name = /name="([^"]*)"/.exec(head)?.[1]
    if (name === undefined) continue
    if (/filename="/.test(head)) fileField = name
    else formData[name] = Buffer.from(part.slice(at + 4, -2), 'latin1').toString()
  }
  return { fileField, formData }
}

/**
 * Starts a server on 127.0.0.1 that turns each request into a {@link ServerRequest} (header
 * names as sent; `kind: 'upload'` for a multipart POST) and answers with `script`'s reply:
 * the status, the header pairs (a repeated name sent twice) and the body; `fail: 'network'`
 * drops the connection; `fail: 'timeout'` and `hang` never answer, so that the client's own
 * timeout or abort ends the call.
 */
export async function startScriptedHttpServer(): Promise<ScriptedHttpServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const headers: Record<string, string> = {}
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        headers[req.rawHeaders[i] as string] = req.rawHeaders[i + 1] as string
      }
      const body = Buffer.concat(chunks)
      const contentType = req.headers['content-type'] ?? ''
      const upload = req.method === 'POST' && contentType.startsWith('multipart/form-data')
      const request: ServerRequest = {
        kind: upload ? 'upload' : 'request',
        method: req.method ?? '',
        url: `${scripted.base}${req.url ?? ''}`,
        headers,
        ...(body.length > 0 && !upload ? { body: body.toString() } : {}),
        ...(upload ? parseMultipart(body, contentType) : {}),
      }
      const reply = scripted.script(request)
      if ('hang' in reply || ('fail' in reply && reply.fail === 'timeout')) return
      if ('fail' in reply) return void req.socket.destroy()
      res.writeHead(reply.status, (reply.headers ?? []).flat())
      res.end(reply.body ?? '')
    })
  })
  server.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const scripted: ScriptedHttpServer = {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    script: () => ({ status: 404 }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  return scripted
}
