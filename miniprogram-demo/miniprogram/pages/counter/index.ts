import { api } from '../../api'
import { run } from '../../utils/run'

/** Counter: an anonymous count kept in the session (the first `+1` creates it). */
Component({
  data: { count: 0, error: '' },
  methods: {
    onShow(): Promise<void> {
      return run(this, async () => {
        const { data } = await api().get<{ count: number }>('/api/counter')
        this.setData({ count: data.count })
      })
    },
    onInc(): Promise<void> {
      return run(this, async () => {
        const { data } = await api().post<{ count: number }>('/api/counter')
        this.setData({ count: data.count })
      })
    },
  },
})
