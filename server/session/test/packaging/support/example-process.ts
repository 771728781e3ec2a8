import { spawn } from 'node:child_process'
import net from 'node:net'

/** A free loopback port, for an example that listens on a fixed one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** An example program running in a child process. */
export interface ExampleProcess {
  /** What it printed so far (stdout and stderr). */
  output(): string
  /** Resolves with its output when it exits. */
  exited: Promise<string>
  /** End it (SIGTERM) and wait for the exit. */
  stop(): Promise<void>
}

/** Run `node <file>` in `cwd`. */
export function runExample(file: string, cwd: string): ExampleProcess {
  const child = spawn(process.execPath, [file], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<string>((resolve) => child.once('exit', () => resolve(output)))
  return {
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

/**
 * Wait until something accepts connections on `port`, for at most `timeoutMs`; throws with
 * the example's output if it exits or never listens.
 */
export async function waitForPort(
  port: number,
  example: ExampleProcess,
  timeoutMs = 20_000,
): Promise<void> {
  let exited = false
  void example.exited.then(() => (exited = true))
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the example exited before listening:\n${example.output()}`)
    if (await accepts(port)) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(
    `the example did not listen on ${port} within ${timeoutMs} ms:\n${example.output()}`,
  )
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}
