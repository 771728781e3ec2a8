import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import type { ChildMessage, ChildStats, ParentMessage } from './ipc'

/** Options of `startServerProcess`. */
export interface ServerProcessOptions {
  /** Extra `node` flags, e.g. `--cpu-prof`. */
  execArgv?: string[]
  /** Extra environment (`BENCH_TABLE`, `BENCH_SQLITE_FILE`). */
  env?: Record<string, string>
}

/** A running server process and what the parent can ask of it. */
export interface ServerProcess {
  /** Where the bench's route lives: `url + ROUTE` (the server's base path included). */
  url: string
  stats(): Promise<ChildStats>
  prune(): Promise<{ deleted: number; ms: number }>
  stop(): Promise<void>
}

/** Fork `child.js` for `id` and resolve once it listens. */
export function startServerProcess(
  id: string,
  options: ServerProcessOptions = {},
): Promise<ServerProcess> {
  const child = fork(join(__dirname, 'child.js'), [id], {
    execArgv: options.execArgv ?? [],
    env: { ...process.env, NODE_ENV: 'production', ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    const onEarlyExit = (code: number | null): void =>
      reject(new Error(`${id} exited with ${code} before listening`))
    child.once('exit', onEarlyExit)
    child.once('message', (message: ChildMessage) => {
      child.off('exit', onEarlyExit)
      if (message.type === 'ready')
        resolve(control(child, `http://127.0.0.1:${message.port}${message.basePath}`))
      else
        reject(
          new Error(
            `${id} failed to start: ${message.type === 'failed' ? message.error : message.type}`,
          ),
        )
    })
  })
}

function control(child: ChildProcess, url: string): ServerProcess {
  let seq = 0
  function ask<T extends ChildMessage>(type: ParentMessage['type']): Promise<T> {
    const mine = ++seq
    return new Promise((resolve, reject) => {
      const onMessage = (message: ChildMessage): void => {
        if ('seq' in message && message.seq === mine) {
          child.off('message', onMessage)
          child.off('exit', onExit)
          resolve(message as T)
        }
      }
      const onExit = (code: number | null): void => reject(new Error(`server exited with ${code}`))
      child.on('message', onMessage)
      child.once('exit', onExit)
      child.send({ seq: mine, type } satisfies ParentMessage)
    })
  }
  return {
    url,
    async stats() {
      const { cpu, queries, rssBytes } =
        await ask<Extract<ChildMessage, { type: 'stats' }>>('stats')
      return { cpu, queries, rssBytes }
    },
    async prune() {
      const { deleted, ms } = await ask<Extract<ChildMessage, { type: 'pruned' }>>('prune')
      return { deleted, ms }
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      await ask('stop')
      // A handle left open (a pool timer) must not hold the bench: give it 5 s to exit.
      const timer = setTimeout(() => child.kill(), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}
