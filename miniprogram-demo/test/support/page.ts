import * as path from 'node:path'
import { mintWeRunData } from '@header-session/testing'
import { config } from '../../miniprogram/config'
import { standInCode } from './http'
import { serverURL } from './server-url'
import type { WxWithHandle } from '../setup-wx'

/** A node of a rendered page (the part of j-component's API the tests use). */
export interface PageNode {
  readonly dom: HTMLElement
  readonly data: Record<string, unknown>
  readonly instance: Record<string, unknown>
  querySelector(selector: string): PageNode | undefined
  querySelectorAll(selector: string): PageNode[]
  dispatchEvent(name: string, options?: { detail?: unknown }): void
}

/** A rendered page. */
export interface Page extends PageNode {
  attach(parent: Element): void
}

interface Simulate {
  load(path: string, options: { compiler: 'simulate' | 'official' }): string
  render(id: string): Page
}

// Not `import`: miniprogram-simulate's declarations pull in j-component's older copy of
// miniprogram-api-typings, whose global `Component` would replace ours and cost the pages
// their `this` types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate') as Simulate

/** The test side of the `wx` that `setup-wx.ts` installed. */
export const wxNode = (): WxWithHandle['node'] =>
  (globalThis as unknown as { wx: WxWithHandle }).wx.node

/**
 * Points the demo at the test server, with real `wx.login` codes for `openid` (`devOpenid:
 * null`), or with the demo's own dev-code path when `dev` is set; `wx.getWeRunData` gives the
 * user's steps from the server's stand-in. Call before the first request: the SDK client is
 * made then.
 */
export function useServer(openid: string, dev = false): void {
  config.apiBaseURL = serverURL()
  config.devOpenid = dev ? openid : null
  wxNode().codes = () => standInCode(openid)
  wxNode().weRunData = () => mintWeRunData(`${serverURL()}/__dev/wechat`, openid)
}

/**
 * Loads a page of `miniprogram/pages` once per test file: simulate cannot load one path twice
 * in a Jest module registry (recipe pitfall 2). Render it as often as needed.
 */
export function loadPage(name: string): string {
  const file = path.join(__dirname, '../../miniprogram/pages', name, 'index')
  return simulate.load(file, { compiler: 'simulate' })
}

/** A fresh instance of the page, attached and shown (`onShow`), its requests done. */
export async function showPage(id: string): Promise<Page> {
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  void (page.instance.onShow as () => Promise<void>).call(page.instance)
  await wxNode().idle()
  return page
}

function find(page: Page, selector: string): PageNode {
  const found = page.querySelector(selector)
  if (!found) throw new Error(`no ${selector} on the page`)
  return found
}

/** Taps an element and waits for the requests it starts (and the ones they start). */
export async function tap(page: Page, selector: string): Promise<void> {
  find(page, selector).dispatchEvent('tap')
  await wxNode().idle()
}

/** Fires `name` on an element with `detail` (a button's open-type answer) and waits. */
export async function fire(page: Page, selector: string, name: string, detail: unknown) {
  find(page, selector).dispatchEvent(name, { detail })
  await wxNode().idle()
}

/** Types into an `<input>` (its `bindinput` handler gets `detail.value`). */
export async function type(page: Page, selector: string, value: string): Promise<void> {
  find(page, selector).dispatchEvent('input', { detail: { value } })
  await wxNode().idle()
}

/** The text an element shows, or `null` when it is not rendered (`wx:if`). */
export function text(page: Page, selector: string): string | null {
  const found = page.querySelector(selector)
  return found ? found.dom.textContent.trim() : null
}

/** Taps the `selector` element of the list item whose `data-<attr>` is `value`. */
export async function tapItem(page: Page, selector: string, attr: string, value: string) {
  const found = page
    .querySelectorAll(selector)
    .find((node) => node.dom.getAttribute(`data-${attr}`) === value)
  if (!found) throw new Error(`no ${selector} with data-${attr}="${value}"`)
  found.dispatchEvent('tap')
  await wxNode().idle()
}

/** The `data-<attr>` values of the items of a list, in order; only those showing `having`. */
export function itemKeys(page: Page, list: string, attr: string, having = ''): string[] {
  const root = page.querySelector(list)?.dom
  if (!root) return []
  // simulate prefixes the page's classes with its tag name: `item` renders as `main--item`.
  return [...root.querySelectorAll(`.main--item[data-${attr}]`)]
    .filter((node) => node.textContent.includes(having))
    .map((node) => node.getAttribute(`data-${attr}`) ?? '')
}
