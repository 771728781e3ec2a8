import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'

/** A request as the test server got it: header names as sent, body as text. */
export interface SeenRequest {
  readonly method: string
  readonly url: string
  readonly headers: Record<string, string>
  readonly body: string
}

/** A small HTTP server for the runtime's tests, on 127.0.0.1 and a free port. */
export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly base: string
  /** Every request so far (clear it with `seen.length = 0`). */
  readonly seen: SeenRequest[]
  /** Answers every request held at `/hold` so far. */
  release(): void
  close(): Promise<void>
}

/**
 * Routes: `/hold` waits for `release()`; `/never` never answers; `/reset` drops the connection;
 * `/status/<code>` answers that status; `/redirect/<code>?to=<url>` redirects, `/loop` to itself; `/text` answers
 * text; `/bytes` answers three bytes; `/codes` mints a login code; anything else answers JSON
 * `{ method, path, body }`. Answers carry `X-Header-Session: tok` and two `Set-Cookie`.
 */
export async function startTestServer(): Promise<TestServer> {
  const seen: SeenRequest[] = []
  let held: Array<() => void> = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const headers: Record<string, string> = {}
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        headers[req.rawHeaders[i] as string] = req.rawHeaders[i + 1] as string
      }
      const body = Buffer.concat(chunks).toString()
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers, body })
      const url = new URL(req.url ?? '/', 'http://test')
      const [, route, arg] = url.pathname.split('/')
      const common: Array<[string, string]> = [
        ['X-Header-Session', 'tok'],
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
      ]
      if (route === 'hold') return void held.push(() => res.end('held'))
      if (route === 'never') return
      if (route === 'reset') return void req.socket.destroy()
      if (route === 'codes') return void res.end(JSON.stringify({ code: `code-${seen.length}` }))
      if (route === 'loop') {
        res.writeHead(302, [['Location', '/loop']])
        return void res.end()
      }
      if (route === 'redirect') {
        res.writeHead(Number(arg), [...common, ['Location', url.searchParams.get('to') ?? '/']])
        return void res.end()
      }
      if (route === 'text') {
        res.writeHead(200, [...common, ['Content-Type', 'text/plain']])
        return void res.end('not json')
      }
      if (route === 'bytes') {
        res.writeHead(200, [['Content-Type', 'application/octet-stream']])
        return void res.end(Buffer.from([0, 1, 255]))
      }
      const status = route === 'status' ? Number(arg) : 200
      res.writeHead(status, [...common, ['Content-Type', 'application/json']])
      res.end(
        req.method === 'HEAD'
          ? undefined
          : JSON.stringify({ method: req.method, path: url.pathname, body }),
      )
    })
  })
  // CONNECT comes as 'connect', with the raw socket: record it, answer 200, close.
  server.on('connect', (req: http.IncomingMessage, socket: Duplex) => {
    seen.push({ method: 'CONNECT', url: req.url ?? '', headers: {}, body: '' })
    socket.end('HTTP/1.1 200 Connection Established\r\n\r\n')
  })
  server.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    release() {
      const now = held
      held = []
      now.forEach((answer) => answer())
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
