/**
 * The code of an error that comes from the client's connection rather than from the server:
 * a request cut by the server's own timeouts (`ERR_HTTP_REQUEST_TIMEOUT`, see
 * `createHttpServer`), a request the client left half-sent (Node's parser: `HPE_*`, e.g.
 * `HPE_INVALID_EOF_STATE`), or a client gone mid-body (`ECONNRESET` "aborted", Node's
 * `IncomingMessage` destroyed). Koa reports these through its `error` event like real faults
 * (its `ctx.onerror` runs when the response's socket fails); they are routine, not ours.
 *
 * @returns the error's code, or null for any other error.
 */
export function clientConnectionError(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (typeof code !== 'string') return null
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code.startsWith('HPE_')) return code
  // A database or Redis connection reset says "read ECONNRESET": that one stays an error.
  if (code === 'ECONNRESET' && message === 'aborted') return code
  return null
}
