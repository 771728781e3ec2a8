import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from 'pino'
import { createApp, type WechatOptions } from './app'
import { type AppConfig, ConfigError, loadConfig } from './config'
import { createWechatStandIn, WECHAT_STAND_IN_PATH } from '@header-session/testing'
import { createHttpServer } from './http/http-server'
import { limitsOptionsFromConfig } from './limits'
import { createLogger } from './logger'
import { openStore } from './open-store'
import { accessTokenStoreFor } from './wechat/access-token-store-for'

/** A listening server and the way to stop it. */
export interface RunningServer {
  server: Server
  /** `http://host:port` it listens on. */
  url: string
  /**
   * Stop accepting connections, let requests in flight finish (cut after `graceMs`), then close
   * Redis and Knex. Resolves when everything is closed.
   */
  stop(graceMs?: number): Promise<void>
}

/** Open the store and database, build the app, listen. Tests call it with port 0. */
export async function startServer(config: AppConfig, logger: Logger): Promise<RunningServer> {
  const opened = await openStore(config)
  let wechat: WechatOptions | undefined
  let wechatStandIn
  let appId: string
  if (config.wechat.mode === 'wechat') {
    const { secret, apiBase } = config.wechat
    appId = config.wechat.appId
    wechat = { appId, secret, apiBase }
  } else {
    wechatStandIn = createWechatStandIn()
    const { secret } = wechatStandIn
    appId = wechatStandIn.appId
    if (config.wechat.apiBase !== null) wechat = { appId, secret, apiBase: config.wechat.apiBase }
    logger.warn(`no WECHAT_APPID: the dev WeChat stand-in answers at ${WECHAT_STAND_IN_PATH}`)
  }
  if (config.production && config.encryptionKeys.length === 0) {
    logger.warn(
      "no SESSION_ENCRYPTION_KEYS: WeChat's session_key is stored unencrypted with the sessions",
    )
  }
  const app = createApp({
    store: opened.store,
    knex: opened.knex,
    wechat,
    wechatStandIn,
    corsOrigins: config.corsOrigins,
    trustProxy: config.trustProxy,
    limits: limitsOptionsFromConfig(config.limits, opened.limitStore),
    // The access_token on the back end the limits use: Redis with Redis sessions, else SQL.
    accessTokenStore: accessTokenStoreFor(opened, appId),
    logger,
    session: {
      headerName: config.headerName,
      secrets: config.secrets,
      encryptionKeys: config.encryptionKeys,
      idleTimeoutMs: config.idleTimeoutMs,
      absoluteTimeoutMs: config.absoluteTimeoutMs,
      storeTimeoutMs: config.storeTimeoutMs,
    },
  })
  // Node's defaults let a client drip a request for 5 minutes or more; see DEFAULT_HTTP_TIMEOUTS.
  const server = createHttpServer(app.callback(), config.http).listen(config.port, config.host)
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve)
      server.once('error', reject)
    })
  } catch (error) {
    await opened.close()
    throw error
  }
  const { address, port, family } = server.address() as AddressInfo
  const url = `http://${family === 'IPv6' ? `[${address}]` : address}:${port}`
  logger.info({ store: opened.store.kind, port }, `listening on ${url}`)

  let stopping: Promise<void> | null = null
  // Once stopping, a connection whose last request just ended is closed instead of kept alive.
  server.on('request', (_req, res) => {
    res.once('finish', () => {
      if (stopping) setImmediate(() => server.closeIdleConnections())
    })
  })
  const stop = (graceMs = 10_000): Promise<void> => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      const timer = setTimeout(() => server.closeAllConnections(), graceMs)
      timer.unref()
      await closed
      clearTimeout(timer)
      await opened.close()
    })()
    return stopping
  }
  return { server, url, stop }
}

/** Start the server from the environment; stops gracefully on SIGTERM/SIGINT. */
export async function main(): Promise<RunningServer> {
  let config: AppConfig
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Invalid configuration: ${error.message}`)
      process.exit(1)
    }
    throw error
  }
  const logger = createLogger(config.logLevel, { headerName: config.headerName })
  const running = await startServer(config, logger)
  const onSignal = (signal: string) => {
    logger.info(`${signal}: finishing requests in flight`)
    running.stop().then(
      () => {
        logger.info('stopped')
        process.exit(0)
      },
      (error: unknown) => {
        logger.error({ err: error }, 'failed to stop cleanly')
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', () => onSignal('SIGTERM'))
  process.once('SIGINT', () => onSignal('SIGINT'))
  return running
}

/** Say why the server could not start, as a JSON log line, and exit 1. */
export function exitOnStartFailure(error: unknown): never {
  console.error(
    JSON.stringify({
      level: 'error',
      msg: 'failed to start',
      error: error instanceof Error ? error.message : String(error),
    }),
  )
  process.exit(1)
}

if (require.main === module) main().catch(exitOnStartFailure)
