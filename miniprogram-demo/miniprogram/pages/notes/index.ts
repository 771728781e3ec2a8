import { api } from '../../api'
import { reasonOf, serverCodeOf } from '../../utils/reason'
import { run } from '../../utils/run'

interface Note {
  id: number
  text: string
  createdAt: string
  updatedAt: string
}

/**
 * The server's refusals of a text that WeChat's content check decides: 422 `CONTENT_REJECTED`
 * (the text is risky) and 503 `CONTENT_CHECK_UNAVAILABLE` (WeChat cannot check now). Nothing
 * was stored; the text stays in the input to change or send again.
 */
const CONTENT_REFUSALS = ['CONTENT_REJECTED', 'CONTENT_CHECK_UNAVAILABLE']

type NoteTap = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { noteId: number }>

/**
 * Notes: the user's own, so every call may log in (`auth: true`): the first visit logs in
 * silently, as mini-programs do, and a revoked session logs in again once. The server has
 * WeChat check each text first, and the page says why one was not stored.
 */
Component({
  data: { text: '', notes: [] as Note[], refused: '', error: '' },
  methods: {
    onShow(): Promise<void> {
      return run(this, () => this.refresh())
    },
    onTextInput(e: WechatMiniprogram.Input) {
      this.setData({ text: e.detail.value })
    },
    onAdd(): Promise<void> {
      return run(this, async () => {
        this.setData({ refused: '' })
        try {
          await api().post('/api/notes', { text: this.data.text }, { auth: true })
        } catch (error) {
          const code = serverCodeOf(error)
          if (code === undefined || !CONTENT_REFUSALS.includes(code)) throw error
          this.setData({ refused: `Not saved: ${reasonOf(error)}` })
          return
        }
        this.setData({ text: '' })
        await this.refresh()
      })
    },
    onDelete(e: NoteTap): Promise<void> {
      return run(this, async () => {
        await api().delete(`/api/notes/${e.currentTarget.dataset.noteId}`, { auth: true })
        await this.refresh()
      })
    },
    async refresh(): Promise<void> {
      const { data } = await api().get<{ notes: Note[] }>('/api/notes', { auth: true })
      this.setData({ notes: data.notes })
    },
  },
})
