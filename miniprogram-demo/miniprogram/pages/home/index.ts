import { SessionExpiredError } from '@header-session/client-sdk'
import { api } from '../../api'
import { reasonOf } from '../../utils/reason'
import { run } from '../../utils/run'
import { stepsToday, weRunSteps } from '../../werun'

interface User {
  id: string
  createdAt: string
  /** Masked by the server (`138****8000`); null until a number is shared. */
  phone: string | null
}

/** What the page says when the phone-number button gives no code (its `errMsg`). */
function noPhoneCode(errMsg: string): string {
  if (/deny|cancel/.test(errMsg)) return 'You chose not to share a phone number.'
  return `WeChat gave no phone code (${errMsg}): the button needs an AppID with the phone-number capability.`
}

/**
 * Home: who am I (`GET /api/me`), log in, log out; once logged in, the phone number (the
 * phone-number button) and today's WeRun steps. A page written as a Component.
 */
Component({
  data: {
    me: 'Not logged in',
    loggedIn: false,
    phone: '',
    phoneError: '',
    steps: '',
    stepsError: '',
    error: '',
  },
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
    /**
     * The phone-number button's answer: its `code` goes to `POST /api/me/phone`, which asks
     * WeChat for the number and answers it masked. A code works once: a refusal says why, and
     * another tap gives a new code.
     */
    onPhoneNumber(e: WechatMiniprogram.ButtonGetPhoneNumber): Promise<void> {
      return run(this, async () => {
        const { code, errMsg } = e.detail
        if (!code) {
          this.setData({ phoneError: noPhoneCode(errMsg) })
          return
        }
        this.setData({ phoneError: '' })
        try {
          const { data } = await api().post<{ user: User }>(
            '/api/me/phone',
            { code },
            { auth: true },
          )
          this.setData({ phone: data.user.phone ?? '' })
        } catch (error) {
          this.setData({ phoneError: `Not saved: ${reasonOf(error)}` })
        }
      })
    },
    /** Today's steps: `wx.getWeRunData`, read by the server with the session's session_key. */
    onSteps(): Promise<void> {
      return run(this, async () => {
        this.setData({ stepsError: '' })
        try {
          const today = stepsToday(await weRunSteps(), Date.now())
          this.setData({ steps: today > 0 ? `${today} steps today` : 'No steps today yet' })
        } catch (error) {
          this.setData({ steps: '', stepsError: `No steps: ${reasonOf(error)}` })
        }
      })
    },
    /** `GET /api/me` without logging in: a 401 just means "not logged in". */
    async refresh(): Promise<void> {
      try {
        const { data } = await api().get<{ user: User }>('/api/me')
        const since = data.user.createdAt.slice(0, 10)
        this.setData({
          loggedIn: true,
          me: `Logged in as user ${data.user.id} (since ${since})`,
          phone: data.user.phone ?? '',
        })
      } catch (error) {
        if (!(error instanceof SessionExpiredError)) throw error
        this.setData({ loggedIn: false, me: 'Not logged in', phone: '', steps: '' })
      }
    },
  },
})
