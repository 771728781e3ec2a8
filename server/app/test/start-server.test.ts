import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { loadConfig } from '../src/config'
import { DEFAULT_WECHAT_STAND_IN_OPTIONS } from '@header-session/testing'
import { startServer, type RunningServer } from '../src/main'
import { TokenClient } from '../../session/test/support/http'
import { captureLines } from './support/captured-lines'
import { devCode } from './support/route-app'
import { describeWith, SERVICES } from '../../session/test/support/services'

/** A pino logger writing its lines into `lines`. */
function capturingLogger() {
  const { lines, stream } = captureLines()
  return { logger: pino({ level: 'info' }, stream), lines }
}

describe('startServer', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hs-start-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const config = (env: Record<string, string> = {}) =>
    loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'app.sqlite')}`,
      ...env,
    })

  it('migrates sqlite, mounts the stand-in, and logs requests without tokens or secrets', async () => {
    const { logger, lines } = capturingLogger()
    const running = await startServer(config(), logger)
    try {
      const c = new TokenClient(running.url)
      const code = await devCode(running.url, { openid: 'o-start' })
      expect((await c.send('POST', '/api/auth/login', { code })).status).toBe(200)
      expect((await c.send('GET', '/api/me')).status).toBe(200)
      const token = c.token as string
      const requests = lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((entry) => entry.msg === 'request')
      expect(requests.find((r) => r.path === '/api/me')).toMatchObject({
        reqId: expect.any(String),
        method: 'GET',
        status: 200,
        session: token.slice(0, 6),
      })
      const all = lines.join('\n')
      expect(all).not.toContain(token)
      expect(all).not.toContain(token.slice(0, 7))
      expect(all).not.toContain(DEFAULT_WECHAT_STAND_IN_OPTIONS.secret)
      expect(all).not.toContain(code)
    } finally {
      await running.stop()
    }
  })

  it('warns in production when session_key would be stored unencrypted', async () => {
    const production = {
      NODE_ENV: 'production',
      WECHAT_APPID: 'wx0123456789abcdef',
      WECHAT_SECRET: 'a-wechat-secret',
    }
    for (const keys of ['', 'a-production-encryption-key-of-32-chars']) {
      const { logger, lines } = capturingLogger()
      const running = await startServer(
        config({ ...production, SESSION_ENCRYPTION_KEYS: keys }),
        logger,
      )
      await running.stop()
      const warned = lines.some((line) => line.includes('no SESSION_ENCRYPTION_KEYS'))
      expect(warned).toBe(keys === '')
    }
  })

  it('stops gracefully: refuses new connections, finishes the request in flight, then closes', async () => {
    const { logger } = capturingLogger()
    const running: RunningServer = await startServer(config(), logger)
    const c = new TokenClient(running.url)
    await c.send('GET', '/healthz') // leaves a kept-alive connection behind
    const code = await devCode(running.url, { openid: 'o-slow', delayMs: 400 })
    const inFlight = c.send('POST', '/api/auth/login', { code })
    await new Promise((resolve) => setTimeout(resolve, 150))
    const started = Date.now()
    const stopped = running.stop()
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow()
    const answer = await inFlight
    expect(answer.status).toBe(200)
    expect(answer.sessionStatus).toBe('created')
    await stopped
    expect(Date.now() - started).toBeLessThan(3_000) // well before the 10 s grace
    expect(running.server.listening).toBe(false)
  })

  it('refuses a port already taken, and closes what it opened', async () => {
    const { logger } = capturingLogger()
    const first = await startServer(config(), logger)
    try {
      const port = new URL(first.url).port
      await expect(startServer(config({ PORT: port }), logger)).rejects.toThrow(/EADDRINUSE/)
    } finally {
      await first.stop()
    }
  })

  describeWith('redis')('with SESSION_STORE=redis', () => {
    it('keeps sessions in Redis and users in the database', async () => {
      const { logger } = capturingLogger()
      const running = await startServer(
        config({ SESSION_STORE: 'redis', REDIS_URL: SERVICES.redis.url }),
        logger,
      )
      try {
        const ready = await fetch(`${running.url}/readyz`)
        expect(await ready.json()).toEqual({ ok: true, store: 'redis', database: 'sqlite3' })
        const c = new TokenClient(running.url)
        const code = await devCode(running.url)
        expect((await c.send('POST', '/api/auth/login', { code })).status).toBe(200)
        expect((await c.send('POST', '/api/notes', { text: 'kept in sqlite' })).status).toBe(201)
        expect((await c.send('POST', '/api/auth/logout')).status).toBe(204)
      } finally {
        await running.stop()
      }
    })
  })
})
