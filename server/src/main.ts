import type { Server } from 'node:http'
import { createApp } from './app'
import { ConfigError, loadConfig } from './config'
import { openStore } from './open-store'
import type { SessionEvent } from './session'

function log(
  level: 'info' | 'warn' | 'error',
  message: string,
  fields: Record<string, unknown> = {},
): void {
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...fields })
  if (level === 'info') console.log(line)
  else console.error(line)
}

/** Start the server; resolves once it listens. Exits the process on bad configuration. */
export async function main(): Promise<Server> {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Invalid configuration: ${error.message}`)
      process.exit(1)
    }
    throw error
  }
  const opened = await openStore(config)
  const app = createApp({
    store: opened.store,
    corsOrigins: config.corsOrigins,
    session: {
      headerName: config.headerName,
      secrets: config.secrets,
      idleTimeoutMs: config.idleTimeoutMs,
      absoluteTimeoutMs: config.absoluteTimeoutMs,
      storeTimeoutMs: config.storeTimeoutMs,
      onEvent: (event: SessionEvent) => {
        if (event.type === 'storeError' || event.type === 'conflict' || event.type === 'invalid') {
          log('warn', `session ${event.type}`, {
            hint: event.hint,
            reason: event.reason,
            store: event.store,
          })
        }
      },
    },
  })
  app.on('error', (error: Error) => log('error', error.message, { name: error.name }))
  const server = app.listen(config.port, config.host)
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  log('info', `listening on http://localhost:${port}`, { store: opened.store.kind })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log('info', `${signal}: finishing requests in flight`)
    server.close(() => {
      opened.close().then(
        () => process.exit(0),
        () => process.exit(1),
      )
    })
    server.closeIdleConnections()
    setTimeout(() => server.closeAllConnections(), 10_000).unref()
  }
  process.once('SIGTERM', () => stop('SIGTERM'))
  process.once('SIGINT', () => stop('SIGINT'))
  return server
}

if (require.main === module) {
  main().catch((error: unknown) => {
    log('error', 'failed to start', {
      error: error instanceof Error ? error.message : String(error),
    })
    process.exit(1)
  })
}
