import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Context, Middleware, Next } from 'koa'

/** Options of {@link webRoutes}. */
export interface WebRoutesOptions {
  /** Folder of the H5 page (`index.html`, `app.js`, `style.css`). Default `server/web`. */
  webDir?: string
  /**
   * Folder of the client SDK's ESM build, served under `/sdk/` (`/sdk/index.mjs`,
   * `/sdk/fetch/index.mjs` and their shared chunks). Default `client-sdk/dist/esm`.
   */
  sdkDir?: string
}

// Same depth from src/routes (tests) and dist/routes (npm start).
const DEFAULT_WEB_DIR = resolve(__dirname, '../../web')
const DEFAULT_SDK_DIR = resolve(__dirname, '../../../../client-sdk/dist/esm')

/** The page's three files; nothing else of `webDir` is served. */
const PAGE_FILES: ReadonlyMap<string, { file: string; type: string }> = new Map([
  ['/', { file: 'index.html', type: 'text/html; charset=utf-8' }],
  ['/index.html', { file: 'index.html', type: 'text/html; charset=utf-8' }],
  ['/app.js', { file: 'app.js', type: 'text/javascript; charset=utf-8' }],
  ['/style.css', { file: 'style.css', type: 'text/css; charset=utf-8' }],
])

/** What every path of the SDK's build starts with: other paths skip `SDK_PATH`. */
const SDK_PREFIX = '/sdk/'

/** `/sdk/<name>.mjs` or `/sdk/<folder>/<name>.mjs`: no `..`, no dot files, nothing but modules. */
const SDK_PATH = /^\/sdk\/((?:[A-Za-z0-9_-]+\/)?[A-Za-z0-9_-]+\.mjs)$/

// The API may live on another origin (`?api=`), so connections may go anywhere over HTTP(S).
const PAGE_CSP = [
  "default-src 'self'",
  "connect-src 'self' http: https:",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * The H5 demo page at `GET /` and the SDK's browser build at `GET /sdk/*.mjs`, read from disk at
 * each request (`Cache-Control: no-cache`: a rebuilt SDK shows at the next reload). Mounted
 * before the session middleware: static files need no session. A missing SDK build is a 404
 * the page reports ("run `npm run build`").
 */
export function webRoutes(options: WebRoutesOptions = {}): Middleware {
  const webDir = options.webDir ?? DEFAULT_WEB_DIR
  const sdkDir = options.sdkDir ?? DEFAULT_SDK_DIR

  async function send(ctx: Context, file: string, type: string): Promise<boolean> {
    let body: Buffer
    try {
      body = await readFile(file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw error
    }
    ctx.type = type
    ctx.set('Cache-Control', 'no-cache')
    ctx.set('X-Content-Type-Options', 'nosniff')
    if (type.startsWith('text/html')) ctx.set('Content-Security-Policy', PAGE_CSP)
    ctx.body = body
    return true
  }

  async function sendOrNext(ctx: Context, next: Next, file: string, type: string): Promise<void> {
    if (!(await send(ctx, file, type))) await next()
  }

  // Any other request goes on at once, without an async function of its own.
  return function webPage(ctx: Context, next: Next): Promise<void> {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next()
    const { path } = ctx
    const page = PAGE_FILES.get(path)
    if (page) return sendOrNext(ctx, next, join(webDir, page.file), page.type)
    const sdk = path.startsWith(SDK_PREFIX) ? SDK_PATH.exec(path)?.[1] : undefined
    if (sdk === undefined) return next()
    return sendOrNext(ctx, next, join(sdkDir, sdk), 'text/javascript; charset=utf-8')
  }
}
