import { randomBytes } from 'node:crypto'
import { wxKit } from '../clients'
import { waitUntil } from '../servers'
import type { JourneyTarget } from './sdk-journey'

/**
 * Cold start: the app opens 20 pages at once, each loading /api/me, /api/notes and /api/cart
 * with no session yet. The runtime fails any call past WeChat's 10 in flight, so the SDK must
 * queue by itself; exactly one `wx.login` and one server-side login must happen.
 */
export function describeColdStart(target: () => JourneyTarget): void {
  it('logs in exactly once for 20 pages of parallel requests at cold start', async () => {
    const t = target()
    const openid = `o-e2e-cold-${randomBytes(4).toString('hex')}`
    const phone = wxKit.device({
      baseURL: t.baseURL,
      standInUrl: t.standInUrl,
      openid,
      device: 'cold start',
      runtime: { overflow: 'fail' },
    })
    const pages = Array.from({ length: 20 }, () =>
      Promise.all([
        phone.client.get<{ user: { id: number } }>('/api/me'),
        phone.client.get<{ notes: unknown[] }>('/api/notes'),
        phone.client.get<{ items: object }>('/api/cart'),
      ]),
    )
    const answers = await Promise.all(pages)
    const userIds = new Set(answers.map(([me]) => me.data.user.id))
    expect(userIds.size).toBe(1)
    expect(answers.every(([, notes, cart]) => notes.status === 200 && cart.status === 200)).toBe(
      true,
    )
    const wx = wxKit.runtimeOf(phone)
    expect(wx.stats.logins).toBe(1)
    expect(wx.stats.requests).toBe(61)
    expect(wx.stats.peakInFlight).toBeLessThanOrEqual(10)
    expect(wx.stats.overflowed).toBe(0)
    const [userId] = userIds
    const logins = () =>
      t.servers.flatMap((s) => s.logs).filter((l) => l.msg === 'login' && l.userId === userId)
    const sessions = await phone.client.get<{ sessions: unknown[] }>('/api/sessions')
    expect(sessions.data.sessions).toHaveLength(1)
    if (t.servers.length === 0) return
    await waitUntil('the login line in the server logs', () => logins().length >= 1)
    expect(logins()).toHaveLength(1)
  })
}
