import net from 'node:net'

/** A TCP proxy on 127.0.0.1 in front of a Redis, that can turn its connections half-open. */
export interface HalfOpenProxy {
  readonly port: number
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string
  /**
   * From now on, the connections open through the proxy carry nothing either way and never
   * close, as when a peer vanishes without a FIN or RST (a partition, a dropped NAT entry).
   * New connections work.
   */
  freeze(): void
  close(): Promise<void>
}

/** Start a proxy to the Redis on `targetPort`. */
export async function startHalfOpenProxy(targetPort: number): Promise<HalfOpenProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket; frozen: boolean }>()
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort })
    const pair = { client, upstream, frozen: false }
    pairs.add(pair)
    const end = (): void => {
      if (pair.frozen) return
      pairs.delete(pair)
      client.destroy()
      upstream.destroy()
    }
    client.on('data', (chunk) => void (pair.frozen || upstream.write(chunk)))
    upstream.on('data', (chunk) => void (pair.frozen || client.write(chunk)))
    for (const socket of [client, upstream]) {
      socket.on('close', end)
      socket.on('error', end)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    freeze() {
      for (const pair of pairs) pair.frozen = true
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy()
        pair.upstream.destroy()
      }
      pairs.clear()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
