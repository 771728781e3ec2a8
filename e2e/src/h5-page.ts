import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { REPO_ROOT } from './servers'

/** Where screenshots go: test artifacts, never committed (`artifacts/` is ignored). */
export const ARTIFACTS_DIR = process.env.E2E_ARTIFACTS_DIR || join(REPO_ROOT, 'e2e', 'artifacts')

/** The H5 demo page (server/app/web) in one browser context: a device. */
export interface H5Page {
  readonly page: Page
  /** Open the page with the API at `apiUrl` (`?api=`) and wait until it settled. */
  open(): Promise<void>
  /** Reload and wait until it settled. */
  reload(): Promise<void>
  /** Click (or submit with) `selector`, then wait until every call it started finished. */
  act(selector: string): Promise<void>
  fill(selector: string, value: string): Promise<void>
  text(selector: string): Promise<string>
  /** The error line's `data-name` and `data-code` (empty when there is no error). */
  error(): Promise<{ name: string; code: string; text: string }>
  /** Keys of the page's session storage that hold a token. */
  storedTokenKeys(): Promise<string[]>
  screenshot(name: string): Promise<void>
}

/** Wrap a context's page on the demo, served at `pageUrl`, talking to `apiUrl`. */
export async function openH5Page(
  context: BrowserContext,
  pageUrl: string,
  apiUrl: string,
  shotsDir: string,
): Promise<H5Page> {
  const page = await context.newPage()
  const failures: string[] = []
  page.on('pageerror', (error) => failures.push(error.message))
  const settled = async (): Promise<void> => {
    // The page marks <body aria-busy> while any SDK call runs, and sets data-logged-in once
    // it knows whether there is a session.
    await page.waitForSelector('body[data-logged-in]:not([aria-busy])', { state: 'attached' })
    if (failures.length > 0) throw new Error(`the page threw: ${failures.join('; ')}`)
  }
  mkdirSync(shotsDir, { recursive: true })
  return {
    page,
    async open() {
      await page.goto(`${pageUrl}/?api=${encodeURIComponent(apiUrl)}`)
      await settled()
    },
    async reload() {
      await page.reload()
      await settled()
    },
    async act(selector) {
      await page.click(selector)
      await settled()
    },
    fill: (selector, value) => page.fill(selector, value),
    text: async (selector) => ((await page.textContent(selector)) ?? '').trim(),
    error: () =>
      page.$eval('#error', (box) => ({
        name: box.getAttribute('data-name') ?? '',
        code: box.getAttribute('data-code') ?? '',
        text: box.hasAttribute('hidden') ? '' : (box.textContent ?? ''),
      })),
    storedTokenKeys: () =>
      page.evaluate(() =>
        Object.keys(sessionStorage).filter((k) => k.startsWith('header-session')),
      ),
    async screenshot(name) {
      await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true })
    },
  }
}
