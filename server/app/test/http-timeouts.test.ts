import { mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import pino from 'pino'
import { createApp } from '../src/app'
import { loadConfig } from '../src/config'
import { createHttpServer, type HttpTimeouts } from '../src/http/http-server'
import { startServer, type RunningServer } from '../src/main'
import { countingStore } from '../../session/test/support/counting-store'
import { openRouteHarness, type RouteHarness } from './support/route-app'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A raw TCP connection to the server: what it wrote, and when it closed. */
interface RawConnection {
  socket: Socket
  /** Everything the server sent so far. */
  text(): string
  /** Resolves with the milliseconds from connecting to the server closing the connection. */
  closed: Promise<number>
}

async function open(port: number): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1')
  await new Promise((resolve) => socket.once('connect', resolve))
  const started = Date.now()
  let received = ''
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')))
  socket.on('error', () => {}) // a reset after the server closed is expected
  const closed = new Promise<number>((resolve) =>
    socket.once('close', () => resolve(Date.now() - started)),
  )
  return { socket, text: () => received, closed }
}

/** Wait for `closed`, failing after `withinMs` (Node's defaults would take minutes). */
async function closedWithin(connection: RawConnection, withinMs: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<number>(
    (resolve) => (timer = setTimeout(() => resolve(-1), withinMs)),
  )
  const ms = await Promise.race([connection.closed, timeout])
  clearTimeout(timer)
  connection.socket.destroy()
  if (ms === -1) {
    throw new Error(
      `still open after ${withinMs} ms; received ${JSON.stringify(connection.text())}`,
    )
  }
  return ms
}

const TIMEOUTS = {
  HTTP_HEADERS_TIMEOUT_MS: '300',
  HTTP_REQUEST_TIMEOUT_MS: '600',
  HTTP_KEEP_ALIVE_TIMEOUT_MS: '300',
  HTTP_CONNECTIONS_CHECKING_INTERVAL_MS: '50',
}

describe('the server started by startServer, with HTTP_*_MS set', () => {
  let dir: string
  let running: RunningServer
  let port: number
  const logs: string[] = []
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hs-timeouts-'))
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'app.sqlite')}`,
      ...TIMEOUTS,
    })
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(...chunk.toString('utf8').split('\n').filter(Boolean))
        done()
      },
    })
    running = await startServer(config, pino({ level: 'info' }, stream))
    port = (running.server.address() as AddressInfo).port
  })
  afterAll(async () => {
    await running.stop(100)
    rmSync(dir, { recursive: true, force: true })
  })

  it('sets them on the Node server', () => {
    expect(running.server).toMatchObject({
      headersTimeout: 300,
      requestTimeout: 600,
      keepAliveTimeout: 300,
    })
  })

  it('cuts a body that drips past the request timeout with 408', async () => {
    const c = await open(port)
    c.socket.write(
      'PUT /api/cart/items/A1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 40\r\n\r\n{',
    )
    const drip = setInterval(() => c.socket.writable && c.socket.write(' '), 100)
    try {
      const ms = await closedWithin(c, 3_000)
      expect(c.text()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
      expect(ms).toBeGreaterThanOrEqual(550)
      expect(ms).toBeLessThan(1_500)
    } finally {
      clearInterval(drip)
    }
    // The cut is logged as the client's, not as an error of the server.
    await sleep(50)
    const lines = logs.map((line) => JSON.parse(line) as { level: number; msg: string })
    expect(lines.filter((l) => l.level >= 50)).toEqual([])
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'client connection ended', code: 'ERR_HTTP_REQUEST_TIMEOUT' }),
    )
  })

  it('cuts headers that drip past the headers timeout with 408', async () => {
    const c = await open(port)
    c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n')
    const drip = setInterval(() => c.socket.writable && c.socket.write('X-A: b\r\n'), 50)
    try {
      const ms = await closedWithin(c, 3_000)
      expect(c.text()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
      expect(ms).toBeGreaterThanOrEqual(250)
      expect(ms).toBeLessThan(1_000)
    } finally {
      clearInterval(drip)
    }
  })

  it('closes an idle kept-alive connection after the keep-alive timeout', async () => {
    const c = await open(port)
    c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n')
    // Node 20.20 closes 1 s after the timeout it advertises (HTTP_SERVER_KEEP_ALIVE_TIMEOUT_BUFFER
    // in lib/_http_server.js), so that a client never reuses a connection being closed.
    const ms = await closedWithin(c, 8_000)
    expect(c.text()).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*Connection: keep-alive\r\n/)
    expect(ms).toBeGreaterThanOrEqual(300)
    expect(ms).toBeLessThan(2_000) // Node's default: 5 s (+ 1 s)
  })
})

describe('a body that arrives slowly', () => {
  let harness: RouteHarness
  let counted: ReturnType<typeof countingStore>
  let server: Server
  let port: number
  const timeouts: HttpTimeouts = {
    headersTimeoutMs: 300,
    requestTimeoutMs: 600,
    keepAliveTimeoutMs: 300,
    connectionsCheckingIntervalMs: 50,
  }
  beforeAll(async () => {
    harness = await openRouteHarness('sqlite')
    counted = countingStore(harness.store)
    const app = createApp({
      store: counted.store,
      knex: harness.knex,
      wechatStandIn: harness.standIn,
    })
    server = createHttpServer(app.callback(), timeouts).listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await harness.close()
  })

  /** An anonymous session with a cart line, made on the harness's own server. */
  async function token(): Promise<string> {
    const res = await fetch(`${harness.url}/api/cart/items/A1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"qty":1}',
    })
    return res.headers.get('x-header-session') as string
  }

  const head = (token: string, length: number) =>
    `PUT /api/cart/items/B2 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
    `X-Header-Session: ${token}\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`

  it('loads no session until the body is complete', async () => {
    const session = await token()
    counted.reset()
    const body = '{"qty": 2}'
    const c = await open(port)
    c.socket.write(head(session, body.length) + body.slice(0, 5))
    await sleep(300)
    expect(counted.total()).toBe(0)
    c.socket.write(body.slice(5))
    await closedWithin(c, 3_000)
    expect(c.text()).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(counted.calls.get).toBe(1)
  })

  it('is cut at the request timeout without the store being asked anything', async () => {
    const session = await token()
    counted.reset()
    const c = await open(port)
    c.socket.write(head(session, 40) + '{')
    const drip = setInterval(() => c.socket.writable && c.socket.write(' '), 100)
    try {
      await closedWithin(c, 3_000)
      expect(c.text()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
    } finally {
      clearInterval(drip)
    }
    await sleep(100)
    expect(counted.total()).toBe(0)
  })
})
