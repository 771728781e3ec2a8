import { api } from '../../api'
import { run } from '../../utils/run'

interface CartLine {
  sku: string
  qty: number
}

type SkuTap = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { sku: string }>

/** Cart: anonymous, in the session; survives the login, goes with the logout. */
Component({
  data: { sku: 'A1', qty: '1', items: [] as CartLine[], error: '' },
  methods: {
    onShow(): Promise<void> {
      return run(this, () => this.refresh())
    },
    onSkuInput(e: WechatMiniprogram.Input) {
      this.setData({ sku: e.detail.value.trim() })
    },
    onQtyInput(e: WechatMiniprogram.Input) {
      this.setData({ qty: e.detail.value })
    },
    /** `PUT /api/cart/items/:sku` `{ qty }`; the server validates both. */
    onPut(): Promise<void> {
      return run(this, async () => {
        const sku = encodeURIComponent(this.data.sku)
        await api().put(`/api/cart/items/${sku}`, { qty: Number(this.data.qty) })
        await this.refresh()
      })
    },
    onRemove(e: SkuTap): Promise<void> {
      return run(this, async () => {
        await api().delete(`/api/cart/items/${encodeURIComponent(e.currentTarget.dataset.sku)}`)
        await this.refresh()
      })
    },
    async refresh(): Promise<void> {
      const { data } = await api().get<{ items: Record<string, number> }>('/api/cart')
      const items = Object.keys(data.items)
        .sort()
        .map((sku) => ({ sku, qty: data.items[sku] ?? 0 }))
      this.setData({ items })
    },
  },
})
