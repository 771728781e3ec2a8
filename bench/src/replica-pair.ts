import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Redis from 'ioredis'

/** A Redis primary and one replica of it, child processes of the bench on loopback. */
export interface ReplicaPair {
  /** `redis://127.0.0.1:<port>/9` of the primary. */
  url: string
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * Start `redis-server` (on PATH) twice, the second a replica of the first, persistence off, and
 * resolve once the replica is in sync. For `durability: 'replicated'` servers, whose every write
 * waits for a replica (`WAIT`).
 */
export async function startReplicaPair(): Promise<ReplicaPair> {
  const dir = await mkdtemp(join(tmpdir(), 'hs-bench-pair-'))
  const children: ChildProcess[] = []
  const start = (port: number, extra: string[]): void => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir]
    args.push('--save', '', '--appendonly', 'no', '--dbfilename', `${port}.rdb`, ...extra)
    children.push(spawn('redis-server', args, { stdio: 'ignore' }))
  }
  const stop = async (): Promise<void> => {
    await Promise.all(
      children.map((child) => {
        if (child.exitCode !== null || child.signalCode !== null) return undefined
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGKILL')
        return exited
      }),
    )
    await rm(dir, { recursive: true, force: true })
  }
  const primaryPort = await freePort()
  const replicaPort = await freePort()
  start(primaryPort, [])
  start(replicaPort, ['--replicaof', '127.0.0.1', String(primaryPort)])
  const client = new Redis({ port: primaryPort, host: '127.0.0.1', retryStrategy: () => 50 })
  client.on('error', () => {})
  try {
    const deadline = Date.now() + 15_000
    while (!/^slave0:.*state=online/m.test(await client.info('replication').catch(() => ''))) {
      if (Date.now() > deadline) throw new Error('the bench replica did not sync in 15 s')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  } catch (error) {
    await stop()
    throw error
  } finally {
    client.disconnect()
  }
  return { url: `redis://127.0.0.1:${primaryPort}/9`, stop }
}
