import { execFile } from 'node:child_process'
import * as net from 'node:net'
import * as path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const REFUSE_NETWORK = path.join(__dirname, 'support/refuse-network.js')

/** A child that tries a raw connection, http, fetch and a DNS query, and prints the outcomes. */
const ATTEMPTS = `
const net = require('node:net'), http = require('node:http'), dns = require('node:dns')
const port = Number(process.argv[1])
const outcome = (p) => p.then(() => 'connected', (e) => e.code || (e.cause && e.cause.code))
const socket = new Promise((ok, fail) => net.connect(port, '127.0.0.1', ok).on('error', fail))
const get = new Promise((ok, fail) => http.get('http://127.0.0.1:' + port, ok).on('error', fail))
Promise.all([
  outcome(socket),
  outcome(get),
  outcome(fetch('http://127.0.0.1:' + port)),
  outcome(dns.promises.lookup('localhost')),
]).then((outcomes) => { console.log(JSON.stringify(outcomes)); process.exit(0) })
`

describe('test/support/refuse-network.js', () => {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.end('HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n')
  })
  let connections = 0
  server.on('connection', () => connections++)
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)))
  afterAll(() => {
    for (const socket of sockets) socket.destroy()
    return new Promise((resolve) => server.close(resolve))
  })
  const port = () => String((server.address() as net.AddressInfo).port)
  const attempt = (env: NodeJS.ProcessEnv) =>
    run(process.execPath, ['-e', ATTEMPTS, port()], { env: { ...process.env, ...env } })

  it('refuses connections and DNS queries in a process that preloads it (NODE_OPTIONS)', async () => {
    const before = connections
    const { stdout, stderr } = await attempt({
      NODE_OPTIONS: `--require ${JSON.stringify(REFUSE_NETWORK)}`,
    })
    expect(JSON.parse(stdout)).toEqual(['ENETUNREACH', 'ENETUNREACH', 'ENETUNREACH', 'ENOTFOUND'])
    expect(stderr).toContain(`network refused: connect 127.0.0.1:${port()}`)
    expect(stderr).toContain('network refused: dns.lookup localhost')
    expect(connections).toBe(before)
  })

  it('is what stops them: without it the same child reaches the server', async () => {
    const { stdout } = await attempt({})
    expect(JSON.parse(stdout).slice(0, 3)).toEqual(['connected', 'connected', 'connected'])
  })
})
