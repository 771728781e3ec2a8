import { chromium, type Browser, type BrowserContext } from 'playwright-core'

/** The Chromium the browser tests drive: `CHROMIUM_PATH`, default Debian's `/usr/bin/chromium`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** Whether the global setup found no Chromium (never under `CI=true`: it fails there). */
export const chromiumMissing = (): boolean => process.env.HS_MISSING_CHROMIUM === '1'

/** A running Chromium. */
export interface LaunchedChromium {
  readonly browser: Browser
  /** A fresh context: its own storage, like another device. */
  newContext(): Promise<BrowserContext>
  close(): Promise<void>
}

/**
 * Launch the system Chromium headless (playwright-core downloads no browser), with nothing that
 * reaches out to the network by itself. Each launch gets a fresh profile: playwright-core
 * passes its own new temp `--user-data-dir` (and refuses one in `args`) and deletes it at close.
 */
export async function launchChromium(): Promise<LaunchedChromium> {
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
    ],
  })
  return {
    browser,
    newContext: () => browser.newContext(),
    close: () => browser.close(),
  }
}
