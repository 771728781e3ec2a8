import type { AddressInfo } from 'node:net'
import type Koa from 'koa'

/** A Koa app listening on a free loopback port. */
export interface TestServer {
  url: string
  close(): Promise<void>
}

export async function listen(app: Koa): Promise<TestServer> {
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A client that keeps the session token the way the SDK does (PROTOCOL client rule 2). */
export class TokenClient {
  token: string | null = null
  constructor(
    readonly base: string,
    readonly headerName = 'X-Header-Session',
  ) {}

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const all: Record<string, string> = { ...headers }
    if (this.token) all[this.headerName] = this.token
    if (body !== undefined) all['content-type'] = 'application/json'
    const res = await fetch(this.base + path, {
      method,
      headers: all,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const issued = res.headers.get(this.headerName)
    if (issued !== null) this.token = issued === '' ? null : issued
    const text = await res.text()
    return {
      status: res.status,
      headers: res.headers,
      body: parse(text),
      token: issued,
      sessionStatus: res.headers.get(`${this.headerName}-Status`),
    }
  }
}

function parse(text: string): Record<string, unknown> | null {
  if (!text) return null
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch {
    return { text }
  }
}
