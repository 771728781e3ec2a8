import { api } from '../../api'
import { run } from '../../utils/run'

interface Note {
  id: number
  text: string
  createdAt: string
  updatedAt: string
}

type NoteTap = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { noteId: number }>

/**
 * Notes: the user's own, so every call may log in (`auth: true`): the first visit logs in
 * silently, as mini-programs do, and a revoked session logs in again once.
 */
Component({
  data: { text: '', notes: [] as Note[], error: '' },
  methods: {
    onShow(): Promise<void> {
      return run(this, () => this.refresh())
    },
    onTextInput(e: WechatMiniprogram.Input) {
      this.setData({ text: e.detail.value })
    },
    onAdd(): Promise<void> {
      return run(this, async () => {
        await api().post('/api/notes', { text: this.data.text }, { auth: true })
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
