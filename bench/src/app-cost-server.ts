import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serverById } from './servers'

/**
 * One server of the line-up listening on loopback, for `app-cost.js --callgrind --http`:
 * `node dist/app-cost-server.js app-redis`. Prints `listening <port> <basePath>`, answers until
 * its stdin closes, then closes its store and exits. The load comes from the parent, so that
 * callgrind counts the server alone.
 */
async function main(): Promise<void> {
  const definition = serverById(process.argv[2] ?? '')
  const server = await definition.create({})
  const http = createServer(server.listener)
  http.listen(0, '127.0.0.1', () => {
    const { port } = http.address() as AddressInfo
    process.stdout.write(`listening ${port} ${server.basePath ?? ''}\n`)
  })
  process.stdin.resume()
  process.stdin.once('end', () => {
    http.closeAllConnections()
    http.close(() => void server.close().finally(() => process.exit(0)))
  })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
