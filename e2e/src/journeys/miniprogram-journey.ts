import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { describeCell } from '../cell'
import { wxKit, type Device } from '../clients'
import { createDemoDriver, DEMO_ROOT, type DemoDriver, type PageNode } from '../miniprogram/driver'
import { serverGet } from '../miniprogram/server-state'
import { requestsTo, waitUntil } from '../servers'
import type { ProvisionOptions, StoreName } from '../stores'
import { createWxRuntime, type WxRuntime } from '@header-session/testing'

const USER = /^Logged in as user (\S+) /

/**
 * The demo mini-program's pages (miniprogram-simulate, in jsdom) over the wx-on-Node runtime,
 * against the built server on one store. Taps drive login, counter, cart, notes, devices and
 * logout; the assertions read the rendered pages and, with the page's token, the server.
 * Call from a test file whose environment is jsdom.
 */
export function describeMiniProgramCell(name: StoreName, options: ProvisionOptions = {}): void {
  describeCell(name, options, (cell) => {
    describe('demo mini-program (miniprogram-simulate over the wx runtime)', () => {
      const openid = `o-e2e-mp-${randomBytes(4).toString('hex')}`
      let wx: WxRuntime
      let ui: DemoDriver
      let pages: Record<'home' | 'counter' | 'cart' | 'notes' | 'devices', string>
      let tablet: Device
      let userId: string
      const url = (): string => cell().server.url
      const token = (): string => String(wx.getStorageSync(`header-session:${url()}`))
      const server = <T>(path: string) => serverGet<T>(url(), path, token())
      /** The page's list in its data, checked against what it rendered (one item each). */
      const listed = <T>(page: PageNode, key: string, list: string, attr: string): T[] => {
        const data = page.data[key] as T[]
        expect(ui.items(page, list, attr)).toHaveLength(data.length)
        return data
      }
      const cartOf = (page: PageNode) =>
        listed<{ sku: string; qty: number }>(page, 'items', '#cart', 'sku').map(
          (i) => `${i.sku}×${i.qty}`,
        )
      const notesOf = (page: PageNode) =>
        listed<{ text: string }>(page, 'notes', '#notes', 'note-id').map((n) => n.text)
      const devicesOf = (page: PageNode) =>
        listed<{ label: string }>(page, 'sessions', '#devices', 'handle').map((d) => d.label)

      beforeAll(() => {
        wx = createWxRuntime({ login: { standInUrl: cell().server.standInUrl, openid } })
        Object.assign(globalThis, { wx })
        ui = createDemoDriver(wx)
        // The same module instance the pages import: point the demo at this cell's server,
        // with real wx.login codes (the runtime mints them at the server's stand-in).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { config } = require(join(DEMO_ROOT, 'config')) as {
          config: { apiBaseURL: string; devOpenid: string | null }
        }
        config.apiBaseURL = url()
        config.devOpenid = null
        pages = {
          home: ui.load('home'),
          counter: ui.load('counter'),
          cart: ui.load('cart'),
          notes: ui.load('notes'),
          devices: ui.load('devices'),
        }
      })
      // Before jsdom goes away: no late answer may reach a torn-down page.
      afterAll(() => wx?.close())
      afterEach(() => expect(wx?.errors ?? []).toEqual([]))

      it('logs in from the home page with wx.login', async () => {
        const home = await ui.show(pages.home)
        expect(ui.text(home, '#me')).toBe('Not logged in')
        await ui.tap(home, '#login')
        expect(ui.text(home, '#error')).toBeNull()
        userId = USER.exec(ui.text(home, '#me') ?? '')?.[1] ?? ''
        expect(userId).not.toBe('')
        expect(wx.stats.logins).toBe(1)
        expect((await server<{ user: { id: string } }>('/api/me')).body.user.id).toBe(userId)
      })

      it('counts, and a page shown again reads the count from the server', async () => {
        const counter = await ui.show(pages.counter)
        expect(ui.text(counter, '#counter-value')).toBe('0')
        await ui.tap(counter, '#counter-inc')
        await ui.tap(counter, '#counter-inc')
        expect(ui.text(counter, '#counter-value')).toBe('2')
        expect(ui.text(await ui.show(pages.counter), '#counter-value')).toBe('2')
        expect((await server<{ count: number }>('/api/counter')).body.count).toBe(2)
      })

      it('puts items in the cart and removes one', async () => {
        const cart = await ui.show(pages.cart)
        for (const [sku, qty] of [
          ['A1', '2'],
          ['B2', '1'],
        ]) {
          await ui.input(cart, '#cart-sku', sku as string)
          await ui.input(cart, '#cart-qty', qty as string)
          await ui.tap(cart, '#cart-put')
        }
        expect(cartOf(cart)).toEqual(['A1×2', 'B2×1'])
        await ui.tapItem(cart, '.remove', 'sku', 'B2')
        expect(cartOf(cart)).toEqual(['A1×2'])
        expect(ui.text(cart, '#cart')).toMatch(/^A1 × 2/)
        expect((await server('/api/cart')).body).toEqual({ items: { A1: 2 } })
      })

      it('adds notes and deletes one', async () => {
        const notes = await ui.show(pages.notes)
        expect(ui.text(notes, '#notes')).toBe('No notes yet.')
        for (const text of ['buy milk', 'call mum']) {
          await ui.input(notes, '#note-text', text)
          await ui.tap(notes, '#note-add')
        }
        expect(notesOf(notes)).toEqual(['buy milk', 'call mum'])
        const [milk] = listed<{ id: number }>(notes, 'notes', '#notes', 'note-id')
        await ui.tapItem(notes, '.delete', 'note-id', String(milk?.id))
        expect(notesOf(notes)).toEqual(['call mum'])
        const stored = await server<{ notes: Array<{ text: string }> }>('/api/notes')
        expect(stored.body.notes.map((n) => n.text)).toEqual(['call mum'])
      })

      it('lists the devices and revokes another one', async () => {
        tablet = wxKit.device({
          baseURL: url(),
          standInUrl: cell().server.standInUrl,
          openid,
          device: 'e2e tablet',
        })
        await tablet.client.login()
        const devices = await ui.show(pages.devices)
        expect(devicesOf(devices).sort()).toEqual(['WeChat mini-program (this one)', 'e2e tablet'])
        const other = listed<{ label: string; handle: string }>(
          devices,
          'sessions',
          '#devices',
          'handle',
        ).find((d) => d.label === 'e2e tablet')
        await ui.tapItem(devices, '.revoke', 'handle', String(other?.handle))
        expect(devicesOf(devices)).toEqual(['WeChat mini-program (this one)'])
        // The revoked tablet's next call takes the session-expired path and logs in again.
        await tablet.client.get('/api/me')
        expect(tablet.logins()).toBe(2)
      })

      it('logs in again by itself when another device revoked it, and the tap goes through', async () => {
        const { data } = await tablet.client.get<{
          sessions: Array<{ handle: string; current: boolean }>
        }>('/api/sessions')
        const mine = data.sessions.find((s) => !s.current)
        await tablet.client.delete(`/api/sessions/${mine?.handle}`)
        const revoked = token()
        const notes = await ui.show(pages.notes)
        await ui.input(notes, '#note-text', 'after revoke')
        await ui.tap(notes, '#note-add')
        expect(ui.text(notes, '#error')).toBeNull()
        expect(notesOf(notes)).toEqual(['call mum', 'after revoke'])
        expect(wx.stats.logins).toBe(2)
        expect(token()).not.toBe(revoked)
        await waitUntil('the 401 on the revoked session in the server logs', () =>
          requestsTo(cell().server, 'GET', '/api/notes').some((l) => l.status === 401),
        )
      })

      it('logs out: the token leaves wx storage and the session leaves the server', async () => {
        const last = token()
        const home = await ui.show(pages.home)
        await ui.tap(home, '#logout')
        expect(ui.text(home, '#me')).toBe('Not logged in')
        expect(wx.getStorageInfoSync().keys).toEqual([])
        expect((await serverGet(url(), '/api/me', last)).status).toBe(401)
        const left = await tablet.client.get<{ sessions: unknown[] }>('/api/sessions')
        expect(left.data.sessions).toHaveLength(1)
      })

      it('opens 20 pages at once without a session and logs in exactly once', async () => {
        const before = wx.stats.logins
        const shown = await Promise.all(
          Array.from({ length: 20 }, (_, i) => ui.show(i % 2 ? pages.notes : pages.devices)),
        )
        await wx.settled()
        expect(wx.stats.logins - before).toBe(1)
        expect(wx.stats.peakInFlight).toBeLessThanOrEqual(10)
        expect(shown.every((page) => ui.text(page, '#error') === null)).toBe(true)
        expect(notesOf(shown[1] as PageNode)).toEqual(['call mum', 'after revoke'])
        const sessions = await server<{ sessions: unknown[] }>('/api/sessions')
        expect(sessions.body.sessions).toHaveLength(2)
      })
    })
  })
}
