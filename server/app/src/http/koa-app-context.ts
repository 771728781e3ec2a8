import type { Logger } from 'pino'

declare module 'koa' {
  interface DefaultContext {
    /** The request's logger (a child carrying `reqId` and `client`): see `defineRequestLogger`. */
    log: Logger
    /** The request id: the client's `X-Request-Id` when it is sane, else a new one (`createRequestIds`). */
    requestId: string
  }
}
