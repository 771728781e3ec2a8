import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Debian's nginx (`apt-get install nginx-light`, as `.ci/run` does), or `NGINX_PATH`. */
export const NGINX_PATH = process.env.NGINX_PATH ?? '/usr/sbin/nginx'

/**
 * `describe` when nginx is installed. Without it, a test that fails and says what to install:
 * never a skip, under `CI=true` or not.
 */
export function describeWithNginx(title: string, body: () => void): void {
  if (existsSync(NGINX_PATH)) return describe(title, body)
  describe(title, () => {
    it('has nginx (never skipped)', () => {
      throw new Error(
        `${NGINX_PATH} is missing: apt-get install nginx (.ci/run does), or set NGINX_PATH`,
      )
    })
  })
}

/** An nginx caching reverse proxy the test started, and the way to stop it. */
export interface CachingProxy {
  /** `http://127.0.0.1:<port>`. */
  url: string
  /** One line per request it served: `<uri> <cache status> <status>`. */
  accessLog(): string[]
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

/**
 * The configuration of a shared cache as many CDNs run one: every 200 kept 10 minutes unless
 * the response forbids it (nginx honours `Cache-Control: private`, `no-store`, `no-cache` and
 * `Set-Cookie`), `Vary` ignored (`proxy_ignore_headers Vary`, nginx 1.7.7+), and a key that
 * is the URL alone, without the session header. One process (`master_process off`), files
 * under `prefix` only.
 */
function config(prefix: string, port: number, upstream: string): string {
  const at = (name: string) => join(prefix, name)
  return `daemon off;
master_process off;
pid ${at('nginx.pid')};
error_log ${at('error.log')} warn;
events { worker_connections 128; }
http {
  log_format cache '$request_uri $upstream_cache_status $status';
  access_log ${at('access.log')} cache;
  client_body_temp_path ${at('tmp/body')};
  proxy_temp_path ${at('tmp/proxy')};
  fastcgi_temp_path ${at('tmp/fastcgi')};
  uwsgi_temp_path ${at('tmp/uwsgi')};
  scgi_temp_path ${at('tmp/scgi')};
  proxy_cache_path ${at('cache')} levels=1:2 keys_zone=shared:1m max_size=16m inactive=10m use_temp_path=off;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass ${upstream};
      proxy_cache shared;
      proxy_cache_key $scheme$proxy_host$request_uri;
      proxy_cache_valid 200 10m;
      proxy_ignore_headers Vary;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}
`
}

/** Start nginx on a free loopback port in front of `upstream` (`http://host:port`). */
export async function startCachingProxy(upstream: string): Promise<CachingProxy> {
  const prefix = mkdtempSync(join(tmpdir(), 'hs-nginx-'))
  mkdirSync(join(prefix, 'tmp'))
  let lastError = ''
  // A free port can be taken between the probe and nginx's bind: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort()
    const conf = join(prefix, 'nginx.conf')
    writeFileSync(conf, config(prefix, port, upstream))
    // -e: the error log of the start-up, before the configuration is read (nginx 1.19.5+).
    const child = spawn(NGINX_PATH, ['-p', prefix, '-c', conf, '-e', join(prefix, 'error.log')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    let exited = false
    const exit = new Promise<void>((resolve) =>
      child.once('exit', () => {
        exited = true
        resolve()
      }),
    )
    const deadline = Date.now() + 5_000
    while (!exited && Date.now() < deadline && !(await accepts(port))) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    if (!exited && (await accepts(port))) {
      return {
        url: `http://127.0.0.1:${port}`,
        accessLog: () =>
          readFileSync(join(prefix, 'access.log'), 'utf8').split('\n').filter(Boolean),
        async stop() {
          child.kill('SIGTERM')
          await exit
          rmSync(prefix, { recursive: true, force: true })
        },
      }
    }
    child.kill('SIGKILL')
    await exit
    const log = existsSync(join(prefix, 'error.log'))
      ? readFileSync(join(prefix, 'error.log'), 'utf8')
      : ''
    lastError = `${stderr}${log}`.trim()
  }
  rmSync(prefix, { recursive: true, force: true })
  throw new Error(`nginx did not start: ${lastError}`)
}
