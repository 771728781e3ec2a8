import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { Cell } from '../cell'
import { chromiumMissing, launchChromium, type LaunchedChromium } from '../chromium'
import { ARTIFACTS_DIR, openH5Page, type H5Page } from '../h5-page'
import { startProxy, type Proxy } from '../http-proxy'
import { sdkEsmDir } from '../sdk-build'
import { requestsTo, waitUntil } from '../servers'

const USER = /^Logged in as user (\S+) /

/**
 * The H5 page in Chromium, the page on one origin and the API on another (real CORS
 * preflights): dev login → me → a counter that survives a reload (token in sessionStorage) →
 * cart → notes → a phone number bound through a dev code, shown masked → a note WeChat's
 * check refuses, with the reason → a second browser context logs in as the same user, lists
 * the devices and revokes the first → the first context's next action gets the session-expired
 * path and logs in again through the SDK → logout clears the token. Then the negative case: an
 * API whose gateway drops `Access-Control-Expose-Headers` makes the page show
 * `HeaderNotExposedError`.
 */
export function describeBrowserJourney(cell: () => Cell): void {
  const describeOrSkip = chromiumMissing() ? describe.skip : describe
  describeOrSkip('H5 page in Chromium (page and API on two origins)', () => {
    let chromium: LaunchedChromium
    let pageOrigin: Proxy
    let api: Proxy
    let first: H5Page
    let second: H5Page
    let userId: string
    const openid = `o-e2e-h5-${randomBytes(4).toString('hex')}`
    const shots = (): string => join(ARTIFACTS_DIR, 'screenshots', cell().name)
    const device = async (apiUrl = api.url): Promise<H5Page> =>
      openH5Page(await chromium.newContext(), pageOrigin.url, apiUrl, shots())

    beforeAll(async () => {
      chromium = await launchChromium()
      const server = cell().server.url
      // The page's origin: the same server's page, with the SDK build of this run at /sdk/.
      pageOrigin = await startProxy({ upstreams: [server], staticDirs: { '/sdk/': sdkEsmDir() } })
      // The API's origin: the server itself, through a recording hop that changes nothing.
      api = await startProxy({ upstreams: [server] })
    })
    afterAll(async () => {
      await chromium?.close()
      await Promise.all([pageOrigin?.close(), api?.close()])
    })

    it('logs in through the dev stand-in and shows who I am', async () => {
      first = await device()
      await first.open()
      expect(await first.text('#me')).toBe('Not logged in')
      await first.fill('#openid', openid)
      await first.act('#login')
      expect(await first.error()).toMatchObject({ text: '' })
      userId = USER.exec(await first.text('#me'))?.[1] ?? ''
      expect(userId).not.toBe('')
      expect(await first.storedTokenKeys()).toHaveLength(1)
      // Cross-origin with the session header: the browser asked first.
      expect(api.seen.some((r) => r.method === 'OPTIONS' && r.path === '/api/auth/login')).toBe(
        true,
      )
      await first.screenshot('01-logged-in')
    })

    it('keeps the counter across a page reload (token in sessionStorage)', async () => {
      await first.act('#counter-inc')
      await first.act('#counter-inc')
      expect(await first.text('#counter-value')).toBe('2')
      await first.reload()
      expect(await first.text('#counter-value')).toBe('2')
      expect(await first.text('#me')).toMatch(USER)
      await first.act('#counter-inc')
      expect(await first.text('#counter-value')).toBe('3')
    })

    it('puts items in the cart and removes one', async () => {
      for (const [sku, qty] of [
        ['A1', '2'],
        ['B2', '1'],
      ] as const) {
        await first.fill('#cart-sku', sku)
        await first.fill('#cart-qty', qty)
        await first.act('#cart-put')
      }
      expect(await first.text('#cart [data-sku="A1"]')).toMatch(/^A1 × 2/)
      await first.act('#cart [data-sku="B2"] button')
      expect(await first.page.$$eval('#cart [data-sku]', (li) => li.length)).toBe(1)
      await first.screenshot('02-cart')
    })

    it('adds notes and deletes one', async () => {
      for (const text of ['buy milk', 'call mum']) {
        await first.fill('#note-text', text)
        await first.act('#note-add')
      }
      const texts = () =>
        first.page.$$eval('#notes [data-note-id] span', (s) => s.map((e) => e.textContent))
      expect((await texts()).sort()).toEqual(['buy milk', 'call mum'])
      await first.act('#notes [data-note-id]:has-text("buy milk") button')
      expect(await texts()).toEqual(['call mum'])
      await first.screenshot('03-notes')
    })

    it('binds a phone number through a dev code and shows it masked', async () => {
      expect(await first.text('#phone')).toBe('No phone number')
      await first.fill('#phone-number', '13800138000')
      await first.act('#phone-bind')
      expect(await first.error()).toMatchObject({ text: '' })
      expect(await first.text('#phone')).toBe('Phone: 138****8000')
      await first.reload()
      expect(await first.text('#phone')).toBe('Phone: 138****8000')
    })

    it('says why WeChat refused a note, and keeps its text', async () => {
      const texts = () =>
        first.page.$$eval('#notes [data-note-id] span', (s) => s.map((e) => e.textContent))
      const before = await texts()
      // The dev stand-in's risky word (its default riskyWords).
      await first.fill('#note-text', 'a stand-in-risky note')
      await first.act('#note-add')
      expect(await first.text('#note-refused')).toBe(
        "Not saved: The text did not pass WeChat's content check; change it and try again",
      )
      expect(await first.page.inputValue('#note-text')).toBe('a stand-in-risky note')
      expect(await texts()).toEqual(before)
      expect(await first.error()).toMatchObject({ text: '' })
      await first.screenshot('03b-note-refused')
    })

    it('lets a second browser log in as the same user, list the devices and revoke the first', async () => {
      second = await device()
      await second.open()
      await second.fill('#openid', openid)
      await second.act('#login')
      expect(USER.exec(await second.text('#me'))?.[1]).toBe(userId)
      expect(await second.page.$$eval('#devices [data-handle]', (li) => li.length)).toBe(2)
      await second.act('#devices [data-current="false"] button')
      expect(await second.page.$$eval('#devices [data-handle]', (li) => li.length)).toBe(1)
      await second.screenshot('04-devices-after-revoke')
    })

    it("takes the session-expired path on the first browser's next action and logs in again", async () => {
      await first.fill('#note-text', 'after revoke')
      await first.act('#note-add')
      const error = await first.error()
      if (error.code !== '') {
        // The page's calls do not log in by themselves: it reports the expiry and logs out.
        expect(error).toMatchObject({ name: 'SessionExpiredError', code: 'SESSION_EXPIRED' })
        expect(await first.text('#me')).toBe('Not logged in')
        await first.screenshot('05-session-expired')
        await first.fill('#openid', openid)
        await first.act('#login')
      }
      expect(USER.exec(await first.text('#me'))?.[1]).toBe(userId)
      expect(await first.error()).toMatchObject({ text: '' })
      await waitUntil('the 401 SESSION_EXPIRED in the server logs', () =>
        requestsTo(cell().server, 'POST', '/api/notes').some((l) => l.status === 401),
      )
      await first.screenshot('06-logged-in-again')
    })

    it('logs out: the token is gone from the page and from the server', async () => {
      await first.act('#logout')
      expect(await first.text('#me')).toBe('Not logged in')
      expect(await first.storedTokenKeys()).toEqual([])
      await second.act('#devices-refresh')
      expect(await second.page.$$eval('#devices [data-handle]', (li) => li.length)).toBe(1)
      await first.screenshot('07-logged-out')
    })

    it('shows HeaderNotExposedError when a gateway hides the session header, not a silent logout', async () => {
      const hiding = await startProxy({
        upstreams: [cell().server.url],
        stripResponseHeaders: ['Access-Control-Expose-Headers'],
      })
      try {
        const third = await device(hiding.url)
        await third.open()
        await third.fill('#openid', openid)
        await third.act('#login')
        expect(await third.error()).toMatchObject({
          name: 'HeaderNotExposedError',
          code: 'HEADER_NOT_EXPOSED',
        })
        expect(await third.storedTokenKeys()).toEqual([])
        await third.screenshot('08-header-not-exposed')
      } finally {
        await hiding.close()
      }
    })
  })
}
