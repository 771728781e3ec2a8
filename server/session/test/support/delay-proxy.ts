import net from 'node:net'

/** A TCP proxy on 127.0.0.1 that holds each new connection before it reaches its target. */
export interface DelayProxy {
  /** `redis://127.0.0.1:<port>` (with `/db` when given). */
  url(db?: number): string
  /** Hold the connections opened from now on this long (`Infinity`: never pass them on). */
  setDelay(ms: number): void
  /** Close every connection and stop accepting new ones: a connection attempt is refused. */
  close(): Promise<void>
}

/** Where a delay proxy passes its connections on. */
export interface ProxyTarget {
  host: string
  port: number
}

/**
 * Start a proxy to `target` (the Redis the tests use: loopback here, a service name under
 * Docker Compose): each connection is accepted at once (the client sees it
 * connected) and joined to the target only after the delay, so that a Redis client stays
 * short of `ready` for that long, as over a slow network or while Redis loads its data.
 */
export async function startDelayProxy(target: ProxyTarget, delayMs: number): Promise<DelayProxy> {
  let delay = delayMs
  const sockets = new Set<net.Socket>()
  const track = (socket: net.Socket): void => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  const server = net.createServer((client) => {
    track(client)
    if (!Number.isFinite(delay)) return
    const timer = setTimeout(() => {
      const upstream = net.connect({ host: target.host, port: target.port })
      track(upstream)
      client.pipe(upstream).pipe(client)
      upstream.once('close', () => client.destroy())
      client.once('close', () => upstream.destroy())
    }, delay)
    client.once('close', () => clearTimeout(timer))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: (db) => `redis://127.0.0.1:${port}${db === undefined ? '' : `/${db}`}`,
    setDelay(ms) {
      delay = ms
    },
    async close() {
      const closed = new Promise((resolve) => server.close(resolve))
      for (const socket of sockets) socket.destroy()
      await closed
    },
  }
}
