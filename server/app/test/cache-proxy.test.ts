import { TokenClient } from '../../session/test/support/http'
import { startCachingProxy, describeWithNginx, type CachingProxy } from './support/nginx'
import { devCode, openRouteHarness, type RouteHarness } from './support/route-app'

/** The session routes a shared cache would keep if nothing forbade it. */
const ROUTES = ['/api/me', '/api/notes', '/api/sessions', '/api/counter', '/api/cart'] as const
type Route = (typeof ROUTES)[number]
const ROUNDS = 4

/** What makes an answer someone's: the fields that differ between two users. */
function fingerprint(route: Route, body: Record<string, unknown> | null): string {
  const b = (body ?? {}) as Record<string, never>
  switch (route) {
    case '/api/me':
      return JSON.stringify((b.user as { id?: unknown } | undefined)?.id)
    case '/api/notes':
      return JSON.stringify(((b.notes ?? []) as { text: string }[]).map((n) => n.text))
    case '/api/sessions':
      return JSON.stringify(((b.sessions ?? []) as { handle: string }[]).map((s) => s.handle))
    case '/api/counter':
      return JSON.stringify(b.count)
    case '/api/cart':
      return JSON.stringify(b.items)
  }
}

interface User {
  name: string
  /** Talks through the cache. */
  client: TokenClient
  /** The fingerprint of each route as the app itself answers this user. */
  truth: Map<Route, string>
}

/**
 * A shared cache in front of the app (Debian's nginx with `proxy_cache`, keyed on the URL
 * alone and ignoring `Vary`, as many CDNs are): two users read their session routes through
 * it, interleaved, and no answer may carry or reveal the other's session. The app's
 * `Cache-Control: private, no-store` on every response that read a session is what keeps
 * such a cache from storing them; `Vary: X-Header-Session` alone would not.
 */
describeWithNginx('session responses behind a shared caching proxy', () => {
  let harness: RouteHarness
  let proxy: CachingProxy
  let alice: User
  let bob: User
  beforeAll(async () => {
    harness = await openRouteHarness('sqlite')
    proxy = await startCachingProxy(harness.url)
    alice = await user('alice', 3, 'A1', "alice's note")
    bob = await user('bob', 7, 'B2', "bob's note")
  })
  afterAll(async () => {
    await proxy?.stop()
    await harness?.close()
  })

  /** A user logged in through the proxy, with a count, a cart line and a note of their own. */
  async function user(name: string, count: number, sku: string, note: string): Promise<User> {
    const client = new TokenClient(proxy.url)
    const code = await devCode(proxy.url, { openid: `o-cache-${name}` })
    expect((await client.send('POST', '/api/auth/login', { code })).status).toBe(200)
    for (let i = 0; i < count; i++) await client.send('POST', '/api/counter')
    await client.send('PUT', `/api/cart/items/${sku}`, { qty: count })
    await client.send('POST', '/api/notes', { text: note })
    const direct = new TokenClient(harness.url)
    direct.token = client.token
    const truth = new Map<Route, string>()
    for (const route of ROUTES) {
      truth.set(route, fingerprint(route, (await direct.send('GET', route)).body))
    }
    return { name, client, truth }
  }

  it('caches what the app lets it cache (the test can see a leak)', async () => {
    await fetch(`${proxy.url}/healthz`)
    const again = await fetch(`${proxy.url}/healthz`)
    expect(again.headers.get('x-cache-status')).toBe('HIT')
  })

  it("never answers a user with the other's session, token or data", async () => {
    const leaks: string[] = []
    const statuses: Record<string, number> = {}
    let checked = 0
    const cacheControls = new Set<string>()
    for (let round = 0; round < ROUNDS; round++) {
      // Each user goes first in every other round, so each is the one who could fill the cache.
      const order = round % 2 === 0 ? [alice, bob] : [bob, alice]
      for (const route of ROUTES) {
        for (const reader of order) {
          const other = reader === alice ? bob : alice
          const res = await reader.client.send('GET', route)
          checked++
          const cache = res.headers.get('x-cache-status') ?? '-'
          statuses[cache] = (statuses[cache] ?? 0) + 1
          const seen = fingerprint(route, res.body)
          const headers = [...res.headers.values()].join('\n')
          if (res.status !== 200) leaks.push(`${reader.name} ${route}: status ${res.status}`)
          else if (seen === other.truth.get(route))
            leaks.push(`${reader.name} ${route}: got ${other.name}'s ${seen} (cache ${cache})`)
          else if (seen !== reader.truth.get(route))
            leaks.push(`${reader.name} ${route}: got ${seen}, not their own`)
          if (headers.includes(other.client.token as string))
            leaks.push(`${reader.name} ${route}: a header carries ${other.name}'s token`)
          cacheControls.add(res.headers.get('cache-control') ?? '(none)')
        }
      }
    }
    expect({ checked, leaks }).toEqual({ checked: ROUNDS * ROUTES.length * 2, leaks: [] })
    expect([...cacheControls]).toEqual(['private, no-store'])
    // Nothing of a session was served from the cache.
    expect(statuses.HIT).toBeUndefined()
    expect(
      proxy.accessLog().filter((line) => / HIT /.test(line) && line.startsWith('/api/')),
    ).toEqual([])
  })
})
