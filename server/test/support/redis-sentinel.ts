import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { freePorts, rawCommand, startRedisServer, waitFor, type RedisServer } from './redis-server'

/** A Redis master watched by one Sentinel, both child processes on loopback. */
export interface RedisSentinelSetup {
  readonly master: RedisServer
  readonly sentinel: { host: string; port: number }
  readonly name: string
  stop(): Promise<void>
}

/** Start a master and a Sentinel monitoring it as `name`; resolves once the Sentinel knows it. */
export async function startRedisSentinel(name = 'hs-main'): Promise<RedisSentinelSetup> {
  const master = await startRedisServer()
  const [port] = (await freePorts(1)) as [number]
  const dir = await mkdtemp(path.join(os.tmpdir(), `hs-sentinel-${port}-`))
  const conf = path.join(dir, 'sentinel.conf')
  await writeFile(
    conf,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor ${name} 127.0.0.1 ${master.port} 1`,
      `sentinel down-after-milliseconds ${name} 5000`,
      '',
    ].join('\n'),
  )
  const child: ChildProcess = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' })
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGKILL')
      await exited
    }
    await master.remove()
    await rm(dir, { recursive: true, force: true })
  }
  try {
    await waitFor(
      `Sentinel on port ${port}`,
      async () =>
        (await rawCommand(port, `SENTINEL get-master-addr-by-name ${name}`)).includes(
          String(master.port),
        ),
      10_000,
    )
  } catch (error) {
    await stop()
    throw error
  }
  return { master, sentinel: { host: '127.0.0.1', port }, name, stop }
}
