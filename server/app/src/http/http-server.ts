import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

/**
 * What answers each request: Koa's `app.callback()` returns a promise, and settles it itself
 * (a failure is rendered and reported through the app's `error` event, never rejected).
 */
export type AppListener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>

/** How long the HTTP server waits for a client, in milliseconds. */
export interface HttpTimeouts {
  /** Until the request's headers are complete; past it, 408 and the connection is closed. */
  headersTimeoutMs: number
  /**
   * Until the whole request, body included, is received (the handler's own time does not
   * count); past it, 408, or the connection closed when an answer was already begun.
   */
  requestTimeoutMs: number
  /** How long an idle kept-alive connection waits for its next request. */
  keepAliveTimeoutMs: number
  /** How often the two timeouts above are checked: a request is cut up to this much late. */
  connectionsCheckingIntervalMs: number
}

/**
 * Defaults of `HttpTimeouts`. Node's own are 60 s for headers, 300 s for a request, checked
 * every 30 s: a client that drips its body holds its socket for 5 minutes or more.
 * - headers 10 s: they fit in one or two packets, even from a phone on a poor network;
 * - request 30 s: a 64 KiB body (the largest read) at 20 kbit/s takes 26 s;
 * - keep-alive 5 s: Node's default, kept (Node 20.20 closes 1 s after the timeout it
 *   advertises in `Keep-Alive: timeout=…`). Behind a proxy that keeps connections to the server
 *   open (nginx `keepalive`, a cloud load balancer), set it above the proxy's own idle timeout,
 *   or the proxy may send a request on a connection the server is closing;
 * - checked every second: a sweep over the open connections, so the cut comes within 1 s.
 */
export const DEFAULT_HTTP_TIMEOUTS: Readonly<HttpTimeouts> = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  connectionsCheckingIntervalMs: 1_000,
})

/**
 * An `http.Server` for `listener` (e.g. a Koa app's `callback()`) with `timeouts` set, as
 * `main.ts` listens. Node closes what overstays: see `server.headersTimeout`,
 * `server.requestTimeout`, `server.keepAliveTimeout` and `connectionsCheckingInterval` in
 * Node's `http` documentation.
 *
 * @throws RangeError (Node's `ERR_OUT_OF_RANGE`) when `headersTimeoutMs` exceeds `requestTimeoutMs`.
 * @example
 * createHttpServer(app.callback(), { ...DEFAULT_HTTP_TIMEOUTS, requestTimeoutMs: 60_000 }).listen(3000)
 */
export function createHttpServer(
  listener: AppListener,
  timeouts: HttpTimeouts = DEFAULT_HTTP_TIMEOUTS,
): Server {
  const server = createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      connectionsCheckingInterval: timeouts.connectionsCheckingIntervalMs,
    },
    (req, res) => void listener(req, res),
  )
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs
  return server
}
