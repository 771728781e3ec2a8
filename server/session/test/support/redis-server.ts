import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

/** Options of `startRedisServer`. */
export interface RedisServerOptions {
  /** Extra `redis-server` arguments, e.g. `['--appendonly', 'yes']`. */
  args?: readonly string[]
  /** Port to listen on. Default: a free loopback port. */
  port?: number
  /** How long to wait for the server to answer PING. Default 10 000 ms. */
  startTimeoutMs?: number
}

/**
 * A `redis-server` child process on 127.0.0.1 with its own temp dir (persistence off unless
 * `args` turn it on). `stop` and `start` keep the port and the dir, so data written with
 * `--appendonly yes` survives a restart; `remove` stops it and deletes the dir.
 */
export interface RedisServer {
  readonly port: number
  readonly dir: string
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string
  readonly running: boolean
  /** Start it again after `stop`, on the same port and dir. */
  start(): Promise<void>
  /** `SIGTERM` shuts down cleanly (AOF flushed); `SIGKILL` is a crash. Waits for the exit. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>
  /** Freeze the process (`SIGSTOP`): the port stays open and nothing answers. */
  pause(): void
  /** Undo `pause` (`SIGCONT`). */
  resume(): void
  /** Stop it and delete its dir. Safe to call twice. */
  remove(): Promise<void>
}

const live = new Set<ChildProcess>()
process.once('exit', () => live.forEach((child) => child.kill('SIGKILL')))

/** `count` distinct TCP ports that were free a moment ago on 127.0.0.1. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => net.createServer())
  try {
    return await Promise.all(
      servers.map(
        (server) =>
          new Promise<number>((resolve, reject) => {
            server.once('error', reject)
            server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))
          }),
      ),
    )
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  }
}

/** Send one inline command and resolve with the raw reply (empty on any failure). */
export function rawCommand(port: number, command: string, timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve) => {
    let reply = ''
    const socket = net.connect({ host: '127.0.0.1', port, timeout: timeoutMs })
    const done = (): void => {
      socket.destroy()
      resolve(reply)
    }
    socket.once('connect', () => socket.write(`${command}\r\n`))
    socket.on('data', (chunk) => {
      reply += chunk.toString()
      if (complete(reply)) done()
    })
    socket.once('timeout', done)
    socket.once('error', done)
    socket.once('close', done)
  })
}

/** Whether `reply` holds one whole RESP reply: a line, or a bulk string and its payload. */
function complete(reply: string): boolean {
  const eol = reply.indexOf('\r\n')
  if (eol < 0) return false
  if (!reply.startsWith('$')) return true
  const length = Number(reply.slice(1, eol))
  return length < 0 || Buffer.byteLength(reply) >= eol + 2 + length + 2
}

/** Poll `check` every 50 ms until it resolves true; throw after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Start a `redis-server` (on PATH) and resolve once it answers PING. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePorts(1))[0]!
  const dir = await mkdtemp(path.join(os.tmpdir(), `hs-redis-${port}-`))
  const timeoutMs = options.startTimeoutMs ?? 10_000
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '']
  args.push('--appendonly', 'no', '--logfile', '', ...(options.args ?? []))
  let child: ChildProcess | undefined
  let log = ''

  async function start(): Promise<void> {
    if (child) return
    log = ''
    const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] })
    child = proc
    live.add(proc)
    const keep = (chunk: Buffer): void => void (log = (log + chunk.toString()).slice(-4_000))
    proc.stdout?.on('data', keep)
    proc.stderr?.on('data', keep)
    proc.once('exit', () => {
      live.delete(proc)
      if (child === proc) child = undefined
    })
    proc.once('error', (error) => void (log += String(error)))
    try {
      await waitFor(
        `redis-server on port ${port}`,
        async () => {
          if (child !== proc) throw new Error(`redis-server on port ${port} exited:\n${log}`)
          return (await rawCommand(port, 'PING')).startsWith('+PONG')
        },
        timeoutMs,
      )
    } catch (error) {
      await stop('SIGKILL')
      throw error
    }
  }

  async function stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const proc = child
    if (!proc) return
    const exited = new Promise((resolve) => proc.once('exit', resolve))
    proc.kill('SIGCONT')
    proc.kill(signal)
    await exited
  }

  await start()
  return {
    port,
    dir,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child !== undefined
    },
    start,
    stop,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    async remove() {
      await stop('SIGKILL')
      await rm(dir, { recursive: true, force: true })
    },
  }
}
