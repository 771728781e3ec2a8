import { createServer, connect, type Socket } from 'node:net'
import { once } from 'node:events'
import {
  clientAddress,
  clientAddressOnSocket,
  normalizeAddress,
  parseTrustedProxies,
  type TrustedProxies,
} from '../src/http/client-address'
import { addressKey } from '../src/limits/address-key'

const proxies = (...items: string[]): TrustedProxies => parseTrustedProxies(items) as TrustedProxies

describe('normalizeAddress', () => {
  it.each([
    ['1.2.3.4', '1.2.3.4'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['::FFFF:10.0.0.1', '10.0.0.1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
    [' 1.2.3.4 ', '1.2.3.4'],
  ])('reads %j as %j', (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected)
  })

  it.each(['', 'unknown', '1.2.3', '1.2.3.4.5', '300.1.1.1', '::ffff:300.1.1.1', '[::1]', 'a b'])(
    'refuses %j',
    (raw) => {
      expect(normalizeAddress(raw)).toBeNull()
    },
  )
})

describe('parseTrustedProxies', () => {
  it('trusts nobody when the list is empty', () => {
    expect(parseTrustedProxies([])).toBeNull()
  })

  it('matches addresses and ranges of both families, IPv4-mapped peers included', () => {
    const trusted = proxies('10.0.0.0/8', '192.168.1.7', 'fd00::/8', '::1')
    expect(trusted.has('10.200.3.4')).toBe(true)
    expect(trusted.has('192.168.1.7')).toBe(true)
    expect(trusted.has('192.168.1.8')).toBe(false)
    expect(trusted.has('fd12:3456::9')).toBe(true)
    expect(trusted.has('::1')).toBe(true)
    expect(trusted.has('::ffff:10.1.1.1')).toBe(true)
    expect(trusted.has('11.0.0.1')).toBe(false)
    expect(trusted.has('2001:db8::1')).toBe(false)
  })

  it.each(['10.0.0.0/33', '::/129', '10.0.0.0/8/1', 'proxy.local', '10.0.0.0/x', '10.0.0.0 /8'])(
    'refuses %j, naming it',
    (item) => {
      expect(() => parseTrustedProxies([item])).toThrow(JSON.stringify(item))
    },
  )
})

describe('clientAddress', () => {
  const lb = proxies('10.0.0.0/8')

  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.5', '198.51.100.1', null)).toBe('203.0.113.5')
  })

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddress('203.0.113.5', '198.51.100.1', lb)).toBe('203.0.113.5')
  })

  it('takes the hop a trusted proxy appended', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.1', lb)).toBe('198.51.100.1')
  })

  it('walks from the right through trusted hops only: a spoofed left part is ignored', () => {
    // The client wrote "1.1.1.1"; the edge proxy appended the client's real address.
    expect(clientAddress('10.0.0.2', '1.1.1.1, 198.51.100.1, 10.0.0.9', lb)).toBe('198.51.100.1')
  })

  it('reads several X-Forwarded-For headers as one list, in order', () => {
    expect(clientAddress('10.0.0.2', ['1.1.1.1', '198.51.100.1, 10.0.0.9'], lb)).toBe(
      '198.51.100.1',
    )
    expect(clientAddress('10.0.0.2', ['198.51.100.1', '10.0.0.9'], lb)).toBe('198.51.100.1')
  })

  it('is the leftmost hop when every hop is a trusted proxy', () => {
    expect(clientAddress('10.0.0.2', '10.0.0.7, 10.0.0.9', lb)).toBe('10.0.0.7')
  })

  it('stops at a malformed hop: the client never chooses the value', () => {
    expect(clientAddress('10.0.0.2', 'unknown', lb)).toBe('10.0.0.2')
    expect(clientAddress('10.0.0.2', '198.51.100.1, not-an-ip, 10.0.0.9', lb)).toBe('10.0.0.9')
    expect(clientAddress('10.0.0.2', '198.51.100.1,,', lb)).toBe('10.0.0.2')
    expect(clientAddress('10.0.0.2', '', lb)).toBe('10.0.0.2')
  })

  it('normalizes IPv4-mapped peers and hops, and hops with ports', () => {
    expect(clientAddress('::ffff:203.0.113.5', undefined, null)).toBe('203.0.113.5')
    expect(clientAddress('::ffff:10.0.0.2', '::ffff:198.51.100.1', lb)).toBe('198.51.100.1')
    expect(clientAddress('10.0.0.2', '198.51.100.1:5123', lb)).toBe('198.51.100.1')
    expect(clientAddress('10.0.0.2', '[2001:DB8::7]:443', lb)).toBe('2001:db8::7')
  })

  it('works for IPv6 proxies', () => {
    const v6 = proxies('fd00::/8')
    expect(clientAddress('fd00::2', '2001:db8::7, fd00::3', v6)).toBe('2001:db8::7')
  })
})

describe('clientAddressOnSocket', () => {
  /** The server side of a connection from 127.0.0.1 to a dual-stack listener (`::`). */
  async function acceptedSocket(): Promise<{ accepted: Socket; close: () => Promise<void> }> {
    const server = createServer()
    server.listen(0, '::')
    await once(server, 'listening')
    const { port } = server.address() as { port: number }
    const client = connect(port, '127.0.0.1')
    const [accepted] = (await once(server, 'connection')) as [Socket]
    return {
      accepted,
      close: async () => {
        client.destroy()
        accepted.destroy()
        server.close()
        await once(server, 'close')
      },
    }
  }

  it('is clientAddress of the socket’s peer, for every request on it', async () => {
    const { accepted, close } = await acceptedSocket()
    try {
      // A dual-stack socket reports an IPv4 peer as IPv4-mapped IPv6.
      expect(accepted.remoteAddress).toBe('::ffff:127.0.0.1')
      const lb = proxies('127.0.0.1')
      for (let request = 0; request < 3; request++) {
        expect(clientAddressOnSocket(accepted, undefined, null)).toBe('127.0.0.1')
        expect(clientAddressOnSocket(accepted, '203.0.113.9', null)).toBe('127.0.0.1')
        expect(clientAddressOnSocket(accepted, '203.0.113.9', lb)).toBe('203.0.113.9')
        expect(clientAddressOnSocket(accepted, `198.51.100.${request}`, lb)).toBe(
          `198.51.100.${request}`,
        )
      }
    } finally {
      await close()
    }
  })

  it('is an empty address for a socket closed before its first request was read', async () => {
    const { accepted, close } = await acceptedSocket()
    await close()
    expect(accepted.remoteAddress).toBeUndefined()
    expect(clientAddressOnSocket(accepted, undefined, null)).toBe(
      clientAddress(undefined, undefined, null),
    )
  })
})

describe('addressKey', () => {
  it('keeps IPv4 addresses', () => {
    expect(addressKey('198.51.100.1')).toBe('198.51.100.1')
  })

  it('counts IPv6 addresses by their /64', () => {
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:0db8:0001:0002:ffff::')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressKey('::1')).toBe('0:0:0:0::/64')
    expect(addressKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64')
  })
})
