import http from 'node:http'
import type { AddressInfo } from 'node:net'

/** Options of {@link startProxy}. */
export interface ProxyOptions {
  /** Where requests go, in turn (round robin, one request each). */
  upstreams: readonly string[]
  /** Response headers to drop (case-insensitive), as a misconfigured gateway would. */
  stripResponseHeaders?: readonly string[]
}

/** A running reverse proxy on 127.0.0.1. */
export interface Proxy {
  readonly url: string
  /** Requests each upstream served, in `upstreams` order. */
  readonly served: number[]
  close(): Promise<void>
}

/**
 * A plain HTTP reverse proxy for tests: a load balancer in front of several server processes,
 * another origin for a page, or a gateway that strips headers. Bodies stream through untouched.
 */
export async function startProxy(options: ProxyOptions): Promise<Proxy> {
  const strip = new Set((options.stripResponseHeaders ?? []).map((h) => h.toLowerCase()))
  const served = options.upstreams.map(() => 0)
  let next = 0
  const server = http.createServer((req, res) => {
    const index = next++ % options.upstreams.length
    served[index] = (served[index] ?? 0) + 1
    const upstream = new URL(req.url ?? '/', options.upstreams[index])
    const forward = http.request(
      upstream,
      { method: req.method, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        const headers: string[] = []
        for (let i = 0; i < answer.rawHeaders.length; i += 2) {
          const name = answer.rawHeaders[i] as string
          if (!strip.has(name.toLowerCase())) headers.push(name, answer.rawHeaders[i + 1] as string)
        }
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers)
        answer.pipe(res)
      },
    )
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
      res.end('bad gateway')
    })
    req.pipe(forward)
  })
  server.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
