import { SessionExpiredError } from '@header-session/client-sdk'
import { api } from '../../api'
import { run } from '../../utils/run'

interface User {
  id: string
  createdAt: string
}

/** Home: who am I (`GET /api/me`), log in, log out. A page written as a Component. */
Component({
  data: { me: 'Not logged in', loggedIn: false, error: '' },
  methods: {
    onShow(): Promise<void> {
      return run(this, () => this.refresh())
    },
    /** Explicit login: `wx.login` (or the dev stand-in) and `POST /api/auth/login`. */
    onLogin(): Promise<void> {
      return run(this, async () => {
        await api().login()
        await this.refresh()
      })
    },
    /** Revokes the session on the server, and forgets the token whatever the answer. */
    onLogout(): Promise<void> {
      return run(this, async () => {
        await api().logout()
        await this.refresh()
      })
    },
    /** `GET /api/me` without logging in: a 401 just means "not logged in". */
    async refresh(): Promise<void> {
      try {
        const { data } = await api().get<{ user: User }>('/api/me')
        const since = data.user.createdAt.slice(0, 10)
        this.setData({ loggedIn: true, me: `Logged in as user ${data.user.id} (since ${since})` })
      } catch (error) {
        if (!(error instanceof SessionExpiredError)) throw error
        this.setData({ loggedIn: false, me: 'Not logged in' })
      }
    },
  },
})
