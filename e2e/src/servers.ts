import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'

/** The repository's root. */
export const REPO_ROOT = resolve(__dirname, '..', '..')
/** The built server entry points the suite runs, as `npm start` and the Docker image do. */
export const SERVER_MAIN = join(REPO_ROOT, 'server', 'app', 'dist', 'main.js')
export const SERVER_MIGRATE = join(REPO_ROOT, 'server', 'app', 'dist', 'migrate.js')
/** The built entry point of `npm start`: the demo, `NODE_ENV=development` unless set. */
export const SERVER_DEV_START = join(REPO_ROOT, 'server', 'app', 'dist', 'dev', 'start.js')

/** Throw a clear error when the server has not been built. */
export function assertServerBuilt(): void {
  for (const file of [SERVER_MAIN, SERVER_MIGRATE, SERVER_DEV_START]) {
    if (!existsSync(file)) {
      throw new Error(
        `${file} is missing: build the server first (\`npx tsc -b\` at the repository root; ` +
          '`npm test` does it before Jest).',
      )
    }
  }
}

/** One JSON line the server logged (pino). */
export interface LogLine {
  level: number
  msg: string
  [field: string]: unknown
}

/** A `node server/app/dist/main.js` child process. */
export interface ServerProcess {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string
  readonly port: number
  /** Its dev WeChat stand-in, `<url>/__dev/wechat`. */
  readonly standInUrl: string
  readonly pid: number
  /** Still running (it never exits by itself, so false means it crashed). */
  readonly alive: boolean
  /** Every line it logged so far. */
  readonly logs: readonly LogLine[]
  /** SIGTERM, then wait for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>
}

const live = new Set<ChildProcess>()
process.once('exit', () => live.forEach((child) => child.kill('SIGKILL')))

/**
 * The environment of a server: the caller's, minus anything that would point elsewhere
 * (Jest's own `NODE_ENV=test` included), then `env`.
 */
function serverEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(WECHAT_|SESSION_|REDIS_|DATABASE_URL|CORS_ORIGINS|PORT|HOST|NODE_ENV)/.test(key)) {
      base[key] = value
    }
  }
  return { ...base, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }
}

/** Options of `launchServer`. */
export interface LaunchOptions {
  /**
   * `SERVER_MAIN` (default), run with `NODE_ENV=test` so that its dev WeChat stand-in answers
   * (the server refuses to start without WeChat credentials otherwise), or `SERVER_DEV_START`,
   * run without `NODE_ENV`, as `npm start` runs it from a clean shell.
   */
  entry?: typeof SERVER_MAIN | typeof SERVER_DEV_START
  /** Default 20 s. */
  startTimeoutMs?: number
}

/**
 * Start the built server with `env` (on a free port of 127.0.0.1) and resolve once it logs
 * "listening on <url>". A start failure rejects with what the process printed.
 */
export async function launchServer(
  env: Record<string, string>,
  options: LaunchOptions = {},
): Promise<ServerProcess> {
  assertServerBuilt()
  const entry = options.entry ?? SERVER_MAIN
  const startTimeoutMs = options.startTimeoutMs ?? 20_000
  const nodeEnv: Record<string, string> = entry === SERVER_MAIN ? { NODE_ENV: 'test' } : {}
  const child = spawn(process.execPath, [entry], {
    cwd: REPO_ROOT,
    env: serverEnv({ ...nodeEnv, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  live.add(child)
  const logs: LogLine[] = []
  let output = ''
  let exited = false
  const exit = new Promise<void>((done) =>
    child.once('exit', () => {
      exited = true
      live.delete(child)
      done()
    }),
  )
  child.stderr?.on('data', (chunk: Buffer) => void (output = (output + chunk).slice(-8_000)))
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the server did not listen within ${startTimeoutMs} ms:\n${output}`))
    }, startTimeoutMs)
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      output = (output + line + '\n').slice(-8_000)
      let entry: LogLine
      try {
        entry = JSON.parse(line) as LogLine
      } catch {
        return
      }
      if (logs.length < 50_000) logs.push(entry)
      const match = /^listening on (http:\/\/\S+)$/.exec(entry.msg)
      if (match) {
        clearTimeout(timer)
        resolveUrl(match[1] as string)
      }
    })
    void exit.then(() => {
      clearTimeout(timer)
      reject(new Error(`the server exited before listening:\n${output}`))
    })
  })
  return {
    url,
    port: Number(new URL(url).port),
    standInUrl: `${url}/__dev/wechat`,
    pid: child.pid as number,
    get alive() {
      return !exited
    },
    logs,
    async stop() {
      if (exited) return
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      child.kill('SIGTERM')
      await exit
      clearTimeout(timer)
    },
  }
}

/** `node server/app/dist/migrate.js` with `env` (PostgreSQL and MySQL; sqlite migrates at start). */
export async function migrate(env: Record<string, string>): Promise<void> {
  assertServerBuilt()
  try {
    await promisify(execFile)(process.execPath, [SERVER_MIGRATE], {
      cwd: REPO_ROOT,
      env: serverEnv({ NODE_ENV: 'test', ...env }),
    })
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`migrations failed:\n${stdout}${stderr}`)
  }
}

/** The `request` lines a server logged for `method path`. */
export function requestsTo(server: ServerProcess, method: string, path: string): LogLine[] {
  return server.logs.filter((l) => l.msg === 'request' && l.method === method && l.path === path)
}

/** Poll `check` every 20 ms until it holds; throw after `timeoutMs` naming `what`. */
export async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
