import { randomBytes } from 'node:crypto'
import type { Cell } from '../cell'
import { wxKit } from '../clients'
import { startProxy, type Proxy } from '../http-proxy'
import { waitUntil, type ServerProcess } from '../servers'
import { describeSdkJourney, type JourneyTarget } from './sdk-journey'

/**
 * Scale-out: a second server process on the same store, both behind a round-robin proxy, so
 * consecutive calls of one client land on different processes. Both logins use the first
 * process's WeChat stand-in (codes live in its memory), as two replicas share one WeChat.
 */
export function describeScaleOut(cell: () => Cell): void {
  describe('scale-out: two server processes on one store behind a round-robin proxy', () => {
    let second: ServerProcess
    let proxy: Proxy
    const target = (): JourneyTarget => ({
      baseURL: proxy.url,
      standInUrl: cell().server.standInUrl,
      servers: [cell().server, second],
    })
    beforeAll(async () => {
      second = await cell().launchAnother({ WECHAT_API_BASE: cell().server.standInUrl })
      proxy = await startProxy({ upstreams: [cell().server.url, second.url] })
    })
    afterAll(() => proxy?.close())

    it('keeps one session while calls alternate between the processes', async () => {
      const t = target()
      const phone = wxKit.device({
        baseURL: t.baseURL,
        standInUrl: t.standInUrl,
        openid: `o-e2e-scale-${randomBytes(4).toString('hex')}`,
        device: 'scale-out',
      })
      const before = [...proxy.served]
      const me = await phone.client.get<{ user: { id: number } }>('/api/me')
      const token = phone.client.getToken()
      for (let i = 1; i <= 10; i++) {
        const { data } = await phone.client.post<{ count: number }>('/api/counter')
        expect(data.count).toBe(i)
      }
      expect((await phone.client.get<{ user: { id: number } }>('/api/me')).data).toEqual(me.data)
      expect(phone.client.getToken()).toBe(token)
      expect(phone.logins()).toBe(1)
      // 13 calls (login, me, 10 counters, me) alternate: each process served about half.
      const served = proxy.served.map((n, i) => n - (before[i] ?? 0))
      expect(served.reduce((a, b) => a + b)).toBe(13)
      expect(Math.min(...served)).toBeGreaterThanOrEqual(6)
      const hint = (token ?? '').slice(0, 6)
      const counted = (s: ServerProcess) =>
        s.logs.filter((l) => l.path === '/api/counter' && String(l.session).startsWith(hint)).length
      await waitUntil('counter calls logged by both processes', () =>
        t.servers.every((s) => counted(s) >= 5),
      )
    })

    describeSdkJourney(wxKit, target)
  })
}
