import { BlockList, isIP, type Socket } from 'node:net'

/** The proxies whose `X-Forwarded-For` is believed (see `parseTrustedProxies`). */
export interface TrustedProxies {
  /** Whether `address` (a normalized IPv4 or IPv6 address) is one of the proxies. */
  has(address: string): boolean
}

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i

/**
 * An address as logs and limits use it: IPv4-mapped IPv6 (`::ffff:1.2.3.4`, what a dual-stack
 * socket reports for an IPv4 peer) as plain IPv4, IPv6 in lower case without a zone (`%eth0`).
 * Null when `raw` is not an IP address.
 */
export function normalizeAddress(raw: string): string | null {
  const address = raw.trim().replace(/%[\w.-]+$/, '')
  const mapped = IPV4_MAPPED.exec(address)
  if (mapped && isIP(mapped[1] as string) === 4) return mapped[1] as string
  const family = isIP(address)
  if (family === 4) return address
  if (family === 6) return address.toLowerCase()
  return null
}

/**
 * One `X-Forwarded-For` entry as an address. Some proxies append the port (`1.2.3.4:5678`,
 * `[2001:db8::1]:443`); anything else that is not an IP address is malformed (null).
 */
function forwardedHop(entry: string): string | null {
  const hop = entry.trim()
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(hop)
  if (bracketed) return normalizeAddress(bracketed[1] as string)
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(hop)
  return normalizeAddress(withPort ? (withPort[1] as string) : hop)
}

/**
 * The proxies of a `TRUST_PROXY` list: addresses and CIDR ranges, IPv4 or IPv6
 * (`10.0.0.0/8, 192.168.1.7, fd00::/8`). An empty list trusts nobody (null).
 *
 * @throws TypeError naming the first item that is neither an address nor a range.
 * @example
 * const proxies = parseTrustedProxies(['10.0.0.0/8', '::1'])
 */
export function parseTrustedProxies(items: readonly string[]): TrustedProxies | null {
  if (items.length === 0) return null
  const list = new BlockList()
  for (const item of items) {
    const [base = '', prefix, extra] = item.trim().split('/')
    const address = normalizeAddress(base)
    const family = address === null ? 0 : isIP(address)
    const maxPrefix = family === 4 ? 32 : 128
    const bits = prefix === undefined ? maxPrefix : Number(prefix)
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && bits <= maxPrefix)
    if (address === null || extra !== undefined || !prefixOk || base !== base.trim()) {
      throw new TypeError(
        `expected IP addresses or CIDR ranges (10.0.0.0/8, ::1), got ${JSON.stringify(item)}`,
      )
    }
    const type = family === 4 ? 'ipv4' : 'ipv6'
    if (bits === maxPrefix) list.addAddress(address, type)
    else list.addSubnet(address, bits, type)
  }
  return { has: (address) => list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6') }
}

/**
 * The address of the client a request comes from. Without trusted proxies, or when the socket's
 * peer is not one of them, it is the peer: `X-Forwarded-For` is then whatever the client chose
 * to write. From a trusted peer, the `X-Forwarded-For` entries (several headers read as one
 * list, in order) are walked from the right, each hop added by the one after it, while the hop
 * is a trusted proxy; the first that is not is the client. A malformed entry ends the walk at
 * the last hop that could be read, so a client can never choose an arbitrary value.
 *
 * @param peer The socket's remote address (`ctx.req.socket.remoteAddress`).
 * @param forwardedFor The `X-Forwarded-For` header(s) as Node gives them.
 * @example
 * clientAddress('10.0.0.2', '203.0.113.9, 10.0.0.1', parseTrustedProxies(['10.0.0.0/8']))
 * // '203.0.113.9'
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | readonly string[] | undefined,
  trusted: TrustedProxies | null,
): string {
  return clientAddressOfPeer(normalizeAddress(peer ?? '') ?? peer ?? '', forwardedFor, trusted)
}

/** Socket peers as `clientAddress` reads them, normalized once per socket. */
const peerAddresses = new WeakMap<Socket, string>()

/**
 * `clientAddress` of a request on `socket`, the peer's address normalized once per socket (a
 * keep-alive connection carries many requests, all from the same peer).
 */
export function clientAddressOnSocket(
  socket: Socket,
  forwardedFor: string | readonly string[] | undefined,
  trusted: TrustedProxies | null,
): string {
  let peer = peerAddresses.get(socket)
  if (peer === undefined) {
    const raw = socket.remoteAddress
    // A socket already closed has no address: nothing to keep.
    if (raw === undefined) return clientAddress(raw, forwardedFor, trusted)
    peer = normalizeAddress(raw) ?? raw
    peerAddresses.set(socket, peer)
  }
  return clientAddressOfPeer(peer, forwardedFor, trusted)
}

/** `clientAddress` with the peer's address normalized already. */
function clientAddressOfPeer(
  peer: string,
  forwardedFor: string | readonly string[] | undefined,
  trusted: TrustedProxies | null,
): string {
  let address = peer
  if (trusted === null || forwardedFor === undefined || !trusted.has(address)) return address
  const hops = (typeof forwardedFor === 'string' ? [forwardedFor] : forwardedFor)
    .join(',')
    .split(',')
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = forwardedHop(hops[i] as string)
    if (hop === null) return address
    address = hop
    if (!trusted.has(hop)) return hop
  }
  return address
}
