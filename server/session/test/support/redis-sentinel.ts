import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import Redis from 'ioredis'
import { freePorts, startRedisServer, waitFor, type RedisServer } from './redis-server'

/** Options of `startRedisSentinel`. */
export interface RedisSentinelOptions {
  /** The name the Sentinels monitor the primary as. Default `'hs-main'`. */
  name?: string
  /** Replicas of the primary. Default 0. */
  replicas?: number
  /** Sentinel processes; the quorum is a majority of them. Default 1. */
  sentinels?: number
  /** `down-after-milliseconds`: how long a silent primary takes to be judged down. Default 5000. */
  downAfterMs?: number
}

/** A Redis primary, its replicas and the Sentinels watching them, all child processes on loopback. */
export interface RedisSentinelSetup {
  /** The primary the setup started with (a replica after a failover). */
  readonly master: RedisServer
  readonly replicas: readonly RedisServer[]
  /** The first Sentinel. */
  readonly sentinel: { host: string; port: number }
  readonly sentinels: readonly { host: string; port: number }[]
  readonly name: string
  /** The port of the primary the Sentinels currently name. */
  masterPort(): Promise<number>
  /** `SENTINEL FAILOVER`: promote a replica now, without waiting for the primary to fail. */
  failover(): Promise<void>
  stop(): Promise<void>
}

/** A Sentinel process, killed by `stop` along with its dir. */
interface SentinelProcess {
  readonly port: number
  stop(): Promise<void>
}

async function startSentinel(
  name: string,
  masterPort: number,
  quorum: number,
  downAfterMs: number,
): Promise<SentinelProcess> {
  const [port] = (await freePorts(1)) as [number]
  const dir = await mkdtemp(path.join(os.tmpdir(), `hs-sentinel-${port}-`))
  const conf = path.join(dir, 'sentinel.conf')
  await writeFile(
    conf,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor ${name} 127.0.0.1 ${masterPort} ${quorum}`,
      `sentinel down-after-milliseconds ${name} ${downAfterMs}`,
      // A failover that stalls is retried after this, instead of Sentinel's 3 minutes.
      `sentinel failover-timeout ${name} 10000`,
      '',
    ].join('\n'),
  )
  const child: ChildProcess = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' })
  return {
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGKILL')
        await exited
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Run one command on a server and close the connection. */
export async function redisCall(port: number, ...args: (string | number)[]): Promise<unknown> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 })
  client.on('error', () => {})
  try {
    await client.connect()
    return await client.call(String(args[0]), ...args.slice(1))
  } finally {
    client.disconnect()
  }
}

/** Resolves once every replica has finished its sync with the primary on `masterPort`. */
export async function waitForReplicas(masterPort: number, count: number): Promise<void> {
  await waitFor(
    `${count} replica(s) online on port ${masterPort}`,
    async () => {
      const info = String(await redisCall(masterPort, 'INFO', 'replication').catch(() => ''))
      return (info.match(/^slave\d+:.*state=online/gm) ?? []).length >= count
    },
    15_000,
  )
}

/**
 * Start a primary, `replicas` replicas of it, and `sentinels` Sentinels monitoring it as `name`;
 * resolves once every replica is in sync and every Sentinel knows the primary, its replicas and
 * the other Sentinels (so that a failover can start at once and reaches them all).
 */
export async function startRedisSentinel(
  options: RedisSentinelOptions = {},
): Promise<RedisSentinelSetup> {
  const name = options.name ?? 'hs-main'
  const sentinelCount = options.sentinels ?? 1
  // A replica that needs a full sync (a demoted primary does) gets it at once, not after 5 s.
  const args = ['--repl-diskless-sync-delay', '0']
  const master = await startRedisServer({ args })
  const replicas: RedisServer[] = []
  const sentinels: SentinelProcess[] = []
  const stop = async (): Promise<void> => {
    await Promise.all(sentinels.map((sentinel) => sentinel.stop()))
    await Promise.all([master, ...replicas].map((server) => server.remove()))
  }
  try {
    for (let i = 0; i < (options.replicas ?? 0); i++) {
      replicas.push(
        await startRedisServer({
          args: [...args, '--replicaof', '127.0.0.1', String(master.port)],
        }),
      )
    }
    await waitForReplicas(master.port, replicas.length)
    const quorum = Math.floor(sentinelCount / 2) + 1
    for (let i = 0; i < sentinelCount; i++) {
      sentinels.push(await startSentinel(name, master.port, quorum, options.downAfterMs ?? 5_000))
    }
    for (const sentinel of sentinels) {
      await waitFor(
        `Sentinel on port ${sentinel.port} to know the whole setup`,
        async () => {
          const [addr, known, peers] = await Promise.all([
            redisCall(sentinel.port, 'SENTINEL', 'get-master-addr-by-name', name),
            redisCall(sentinel.port, 'SENTINEL', 'replicas', name),
            redisCall(sentinel.port, 'SENTINEL', 'sentinels', name),
          ]).catch(() => [null, [], []])
          return (
            Array.isArray(addr) &&
            addr[1] === String(master.port) &&
            (known as unknown[]).length === replicas.length &&
            (peers as unknown[]).length === sentinelCount - 1
          )
        },
        20_000,
      )
    }
  } catch (error) {
    await stop()
    throw error
  }
  const addresses = sentinels.map((sentinel) => ({ host: '127.0.0.1', port: sentinel.port }))
  const first = sentinels[0] as SentinelProcess
  return {
    master,
    replicas,
    sentinel: addresses[0] as { host: string; port: number },
    sentinels: addresses,
    name,
    async masterPort() {
      const addr = await redisCall(first.port, 'SENTINEL', 'get-master-addr-by-name', name)
      return Number((addr as string[])[1])
    },
    async failover() {
      await redisCall(first.port, 'SENTINEL', 'failover', name)
    },
    stop,
  }
}
