/**
 * Takes the README's screenshot of the H5 page (docs/h5-page.png): starts the built server on a
 * temp sqlite database, logs two browser tabs in as one dev user, fills the counter, cart and
 * notes in the first, and shoots it. Needs `npm run build` and a Chromium
 * (`apt-get install chromium`, or CHROMIUM_PATH); playwright-core is a dev dependency.
 * Usage: node server/app/scripts/screenshot-h5.js [out.png]
 */
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { chromium } = require('playwright-core')
const { loadConfig } = require('../dist/config')
const { startServer } = require('../dist/main')
const { createLogger } = require('../dist/logger')

const out = path.resolve(process.argv[2] || path.join(__dirname, '../../../docs/h5-page.png'))
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-screenshot-'))
  const env = {
    NODE_ENV: 'development',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${dir}/demo.sqlite`,
  }
  const server = await startServer(loadConfig(env), createLogger('silent'))
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
  try {
    const tab = async () => {
      const page = await browser.newPage({ viewport: { width: 1000, height: 900 } })
      await page.goto(server.url)
      return page
    }
    // Settled: the page knows whether there is a session, and no call is running.
    const settled = (page) => page.waitForSelector('body[data-logged-in]:not([aria-busy])')
    const act = async (page, selector) => {
      await page.click(selector)
      await settled(page)
    }
    const other = await tab()
    await settled(other)
    await act(other, '#login')
    const page = await tab()
    await settled(page)
    await act(page, '#login')
    await act(page, '#counter-inc')
    await act(page, '#counter-inc')
    for (const [sku, qty] of [
      ['A1', '2'],
      ['B7', '1'],
    ]) {
      await page.fill('#cart-sku', sku)
      await page.fill('#cart-qty', qty)
      await act(page, '#cart-put')
    }
    for (const text of ['Buy milk', 'Call the bank about the card']) {
      await page.fill('#note-text', text)
      await act(page, '#note-add')
    }
    await page.screenshot({ path: out, fullPage: true })
    console.log(`wrote ${path.relative(process.cwd(), out)}`)
  } finally {
    await browser.close()
    await server.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
