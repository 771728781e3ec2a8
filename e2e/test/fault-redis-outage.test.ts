import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HttpError, type Client } from '@header-session/client-sdk'
import { startRedisServer, type RedisServer } from '../../server/session/test/support/redis-server'
import { fetchKit, wxKit, type ClientKit, type Device } from '../src/clients'
import { launchServer, waitUntil, type ServerProcess } from '../src/servers'

/**
 * The Redis this test started goes away in the middle of a session: the SDK surfaces the 503
 * (no logout, no crash), and once Redis is back the same session goes on. Redis keeps an
 * append-only file, so a clean stop and start keeps the sessions, as a restarted Redis would.
 */
describe('fault: the session Redis stops mid-flow and comes back', () => {
  let redis: RedisServer
  let server: ServerProcess
  let dir: string
  beforeAll(async () => {
    redis = await startRedisServer({ args: ['--appendonly', 'yes', '--appendfsync', 'always'] })
    dir = mkdtempSync(join(tmpdir(), 'hs-e2e-outage-'))
    server = await launchServer({
      SESSION_STORE: 'redis',
      REDIS_URL: redis.url,
      DATABASE_URL: `sqlite:${join(dir, 'app.sqlite')}`,
      SESSION_STORE_TIMEOUT_MS: '500',
    })
  })
  afterAll(async () => {
    await server?.stop()
    await redis?.remove()
    rmSync(dir, { recursive: true, force: true })
  })

  // A failed test must not leave the next one without Redis.
  afterEach(() => redis.start())

  const ready = async (): Promise<boolean> => {
    const response = await fetch(`${server.url}/readyz`).catch(() => null)
    return response?.status === 200
  }
  const count = async (client: Client): Promise<number> =>
    (await client.post<{ count: number }>('/api/counter')).data.count

  const kits: ClientKit[] = [wxKit, fetchKit]
  it.each(kits.map((kit) => [kit.name, kit] as const))(
    'over %s: 503 while Redis is down, then the same session continues',
    async (_name, kit) => {
      const phone: Device = kit.device({
        baseURL: server.url,
        standInUrl: server.standInUrl,
        openid: `o-e2e-outage-${kit.name}`,
        device: 'outage',
      })
      const me = (await phone.client.get<{ user: { id: number } }>('/api/me')).data.user
      expect(await count(phone.client)).toBe(1)
      const token = phone.client.getToken()

      await redis.stop('SIGTERM')
      const error = await phone.client.post('/api/counter').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(HttpError)
      expect(error).toMatchObject({
        status: 503,
        data: { error: { code: 'SESSION_STORE_UNAVAILABLE' } },
      })
      // Store details never reach clients.
      expect(JSON.stringify((error as HttpError).data)).not.toMatch(/redis|ECONN/i)
      // No logout: the token stays in memory and storage; no login was tried.
      expect(phone.client.getToken()).toBe(token)
      expect(phone.storedToken()).toBe(token)
      expect(phone.logins()).toBe(1)
      // No crash: the process still answers what needs no store.
      expect(server.alive).toBe(true)
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
      expect(await ready()).toBe(false)

      await redis.start()
      await waitUntil('the server to see Redis again (/readyz)', ready, 15_000)
      expect(await count(phone.client)).toBe(2)
      expect((await phone.client.get<{ user: { id: number } }>('/api/me')).data.user).toEqual(me)
      expect(phone.client.getToken()).toBe(token)
      expect(phone.logins()).toBe(1)
      expect(server.alive).toBe(true)
      expect(server.logs.some((l) => l.msg === 'storeError' || l.level >= 50)).toBe(true)
    },
  )
})
