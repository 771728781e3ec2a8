import { readFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, normalize } from 'node:path'

/** Options of {@link startProxy}. */
export interface ProxyOptions {
  /** Where requests go, in turn (round robin, one request each). */
  upstreams: readonly string[]
  /** Response headers to drop (case-insensitive), as a misconfigured gateway would. */
  stripResponseHeaders?: readonly string[]
  /** Paths served from disk instead: `{ '/sdk/': '/path/to/esm' }` (`.mjs`, `.js` files only). */
  staticDirs?: Readonly<Record<string, string>>
}

/** A running reverse proxy on 127.0.0.1. */
export interface Proxy {
  readonly url: string
  /** Requests each upstream served, in `upstreams` order. */
  readonly served: number[]
  /** Every request it got: method and path, preflights included. */
  readonly seen: Array<{ method: string; path: string }>
  close(): Promise<void>
}

/**
 * A plain HTTP reverse proxy for tests: a load balancer in front of several server processes,
 * another origin for a page, or a gateway that strips headers. Bodies stream through untouched.
 */
export async function startProxy(options: ProxyOptions): Promise<Proxy> {
  const strip = new Set((options.stripResponseHeaders ?? []).map((h) => h.toLowerCase()))
  const served = options.upstreams.map(() => 0)
  const seen: Array<{ method: string; path: string }> = []
  let next = 0
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string
    seen.push({ method: req.method ?? '', path })
    for (const [prefix, dir] of Object.entries(options.staticDirs ?? {})) {
      if (path.startsWith(prefix)) return void serveFile(res, dir, path.slice(prefix.length))
    }
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
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A module file of `dir`, or 404; nothing outside `dir`. */
async function serveFile(res: http.ServerResponse, dir: string, relative: string): Promise<void> {
  const file = normalize(join(dir, relative))
  if (!file.startsWith(dir) || !/\.m?js$/.test(file)) return void res.writeHead(404).end()
  try {
    const body = await readFile(file)
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(body)
  } catch {
    res.writeHead(404).end()
  }
}
