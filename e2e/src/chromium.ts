import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'

/** The Chromium the browser tests drive: `CHROMIUM_PATH`, default Debian's `/usr/bin/chromium`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** Whether the global setup found no Chromium (never under `CI=true`: it fails there). */
export const chromiumMissing = (): boolean => process.env.HS_MISSING_CHROMIUM === '1'

/** A running Chromium and its throwaway profile. */
export interface LaunchedChromium {
  readonly browser: Browser
  /** A fresh context: its own storage, like another device. */
  newContext(): Promise<BrowserContext>
  close(): Promise<void>
}

/**
 * Launch the system Chromium headless (playwright-core downloads no browser), with a fresh
 * profile and nothing that reaches out to the network by itself.
 */
export async function launchChromium(): Promise<LaunchedChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'hs-e2e-chromium-'))
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ],
  })
  return {
    browser,
    newContext: () => browser.newContext(),
    async close() {
      await browser.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
