import { join } from 'node:path'
import { REPO_ROOT } from '../servers'
import type { WxRuntime } from '@header-session/testing'

/** The demo mini-program's source root (its pages are `Component({...})` pages). */
export const DEMO_ROOT = join(REPO_ROOT, 'miniprogram-demo', 'miniprogram')

/** A node of a rendered page: the part of j-component's API the tests use. */
export interface PageNode {
  readonly dom: HTMLElement
  readonly data: Record<string, unknown>
  readonly instance: Record<string, unknown>
  querySelector(selector: string): PageNode | undefined
  querySelectorAll(selector: string): PageNode[]
  dispatchEvent(name: string, options?: { detail?: unknown }): void
}

interface RenderedPage extends PageNode {
  attach(parent: Element): void
}

interface Simulate {
  load(path: string, options: { compiler: 'simulate' | 'official' }): string
  render(id: string): RenderedPage
}

/**
 * Drives the demo's pages with miniprogram-simulate over a `wx` runtime. Create it after
 * `globalThis.wx` is set: miniprogram-simulate merges its stubs under the `wx` it finds.
 */
export interface DemoDriver {
  /** Load a page of `pages/` (once per test file: simulate cannot load a path twice). */
  load(name: string): string
  /** A fresh instance of a loaded page, attached and shown (`onShow`), its calls finished. */
  show(id: string): Promise<PageNode>
  /** Tap `selector` and wait for every call it started. */
  tap(page: PageNode, selector: string): Promise<void>
  /** Tap the `selector` element whose `data-<attr>` is `value` (a list item's button). */
  tapItem(page: PageNode, selector: string, attr: string, value: string): Promise<void>
  /** Type into an `<input>` (its `bindinput` handler gets `detail.value`). */
  input(page: PageNode, selector: string, value: string): Promise<void>
  /** The text of `selector`, or null when it is not rendered (`wx:if`). */
  text(page: PageNode, selector: string): string | null
  /** The list items (`[data-<attr>]` with class `item`) under `list`, by their `data-<attr>`. */
  items(page: PageNode, list: string, attr: string): PageNode[]
}

/** A driver whose waits follow `wx`'s calls (network and `wx.login`). */
export function createDemoDriver(wx: WxRuntime): DemoDriver {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as Simulate
  const idle = async (): Promise<void> => {
    // j-component dispatches events on a microtask: let the handler start its calls first.
    await new Promise((resolve) => setTimeout(resolve, 0))
    await wx.settled()
  }
  const find = (page: PageNode, selector: string): PageNode => {
    const found = page.querySelector(selector)
    if (!found) throw new Error(`no ${selector} on the page`)
    return found
  }
  return {
    load: (name) =>
      simulate.load(join(DEMO_ROOT, 'pages', name, 'index'), { compiler: 'simulate' }),
    async show(id) {
      const page = simulate.render(id)
      page.attach(document.createElement('parent-wrapper'))
      void (page.instance.onShow as () => Promise<void>).call(page.instance)
      await idle()
      return page
    },
    async tap(page, selector) {
      find(page, selector).dispatchEvent('tap')
      await idle()
    },
    async tapItem(page, selector, attr, value) {
      const found = page
        .querySelectorAll(selector)
        .find((node) => node.dom.getAttribute(`data-${attr}`) === value)
      if (!found) throw new Error(`no ${selector} with data-${attr}="${value}"`)
      found.dispatchEvent('tap')
      await idle()
    },
    async input(page, selector, value) {
      find(page, selector).dispatchEvent('input', { detail: { value } })
      await idle()
    },
    text: (page, selector) => page.querySelector(selector)?.dom.textContent?.trim() ?? null,
    items(page, list, attr) {
      const root = page.querySelector(list)?.dom
      return page
        .querySelectorAll('.item')
        .filter(
          (node) => root?.contains(node.dom) && node.dom.getAttribute(`data-${attr}`) !== null,
        )
    },
  }
}
