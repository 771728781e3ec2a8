import { isIP } from 'node:net'

/**
 * The key a client address is counted under: an IPv4 address as is, an IPv6 address by its
 * /64 network (`2001:db8:1:2::/64`). One subscriber, phone or home gets a whole /64 and may
 * use any address in it, so counting single IPv6 addresses would not limit anyone.
 */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address
  const groups = expandIpv6(address)
  return groups === null ? address : `${groups.slice(0, 4).join(':')}::/64`
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros; null if unreadable. */
function expandIpv6(address: string): string[] | null {
  let text = address.toLowerCase()
  // An embedded IPv4 tail (`::1.2.3.4`) holds the last two groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number]
    text = text.slice(0, v4.index) + ((a << 8) | b).toString(16) + ':' + ((c << 8) | d).toString(16)
  }
  const [head = '', tail] = text.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = tail === undefined || tail === '' ? [] : tail.split(':')
  const missing = 8 - left.length - right.length
  if (tail === undefined ? missing !== 0 : missing < 1) return null
  const groups = [...left, ...Array<string>(Math.max(missing, 0)).fill('0'), ...right]
  return groups.map((group) => parseInt(group, 16).toString(16))
}
