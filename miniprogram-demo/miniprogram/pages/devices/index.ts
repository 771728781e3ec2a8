import { api } from '../../api'
import { run } from '../../utils/run'

interface Device {
  handle: string
  device: string | null
  createdAt: string
  lastSeenAt: string
  current: boolean
}

type HandleTap = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  { handle: string; current: boolean }
>

/** Devices: the user's live sessions (`auth: true`); revoke one, or all the others. */
Component({
  data: { sessions: [] as Array<Device & { label: string; seen: string }>, error: '' },
  methods: {
    onShow(): Promise<void> {
      return run(this, () => this.refresh())
    },
    /**
     * Revoking the current session is a logout: the server tells the SDK to drop the token, and
     * the list is not reloaded (that would log in again).
     */
    onRevoke(e: HandleTap): Promise<void> {
      const { handle, current } = e.currentTarget.dataset
      return run(this, async () => {
        await api().delete(`/api/sessions/${handle}`, { auth: true })
        if (current) this.setData({ sessions: [] })
        else await this.refresh()
      })
    },
    onRevokeOthers(): Promise<void> {
      return run(this, async () => {
        await api().post('/api/sessions/revoke-others', undefined, { auth: true })
        await this.refresh()
      })
    },
    async refresh(): Promise<void> {
      const { data } = await api().get<{ sessions: Device[] }>('/api/sessions', { auth: true })
      const sessions = data.sessions.map((s) => ({
        ...s,
        label: `${s.device ?? 'unnamed device'}${s.current ? ' (this one)' : ''}`,
        seen: s.lastSeenAt.slice(0, 16).replace('T', ' ') + ' UTC',
      }))
      this.setData({ sessions })
    },
  },
})
