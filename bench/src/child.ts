import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ChildMessage, ParentMessage } from './ipc'
import { serverById } from './servers'

/**
 * A server under test, alone in its process: `node dist/child.js <server id>`. Listens on a
 * free loopback port, says which, and answers the parent's requests for counters over IPC.
 */
async function main(): Promise<void> {
  const send = (message: ChildMessage): void => {
    process.send?.(message)
  }
  const definition = serverById(process.argv[2] ?? '')
  const server = await definition.create({
    table: process.env.BENCH_TABLE,
    sqliteFile: process.env.BENCH_SQLITE_FILE,
  })
  const http = createServer(server.listener)
  http.listen(0, '127.0.0.1', () => {
    const { port } = http.address() as AddressInfo
    send({ type: 'ready', port, basePath: server.basePath ?? '' })
  })
  process.on('message', (message: ParentMessage) => {
    const { seq } = message
    if (message.type === 'stats') {
      const queries = server.queries()
      send({
        type: 'stats',
        seq,
        cpu: process.cpuUsage(),
        queries,
        rssBytes: process.memoryUsage.rss(),
      })
    } else if (message.type === 'prune') {
      const started = performance.now()
      void (server.prune?.() ?? Promise.resolve(0)).then((deleted) =>
        send({ type: 'pruned', seq, deleted, ms: performance.now() - started }),
      )
    } else if (message.type === 'stop') {
      // Requests whose client has gone may still be working: let them finish (no new store
      // round trip for 200 ms) before the store closes under them.
      const force = setTimeout(() => http.closeAllConnections(), 3_000)
      http.close(() => {
        clearTimeout(force)
        void settled(server.queries)
          .then(() => server.close())
          .finally(() => {
            send({ type: 'stopped', seq })
            process.disconnect()
          })
      })
      http.closeIdleConnections()
    }
  })
}

/** Resolves once `count` has not moved for 200 ms (5 s at most). */
async function settled(count: () => number): Promise<void> {
  const until = Date.now() + 5_000
  let last = -1
  while (count() !== last && Date.now() < until) {
    last = count()
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

main().catch((error: unknown) => {
  process.send?.({ type: 'failed', error: String((error as Error)?.stack ?? error) })
  process.exitCode = 1
  process.disconnect?.()
})
