import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http'
import { RedisStore } from 'connect-redis'
import express, { type NextFunction, type Request, type Response } from 'express'
import session from 'express-session'
import { createClient } from 'redis'
import { BENCH_ENV, HEADER, ROUTE, SESSION_MAX_AGE_MS } from '../config'
import { countCommands, type CommandSender } from './redis-client'
import type { BenchServer } from './types'

declare module 'express-session' {
  interface SessionData {
    views: number
  }
}

const COOKIE = 'sid'
const LOWER_HEADER = HEADER.toLowerCase()

/**
 * express-session reads and writes a cookie; this maps the header onto it: the request's token
 * becomes its `Cookie`, and the `Set-Cookie` it answers becomes the response's token.
 */
export function headerAsCookie(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const token = req.headers[LOWER_HEADER]
  if (typeof token === 'string' && token !== '') {
    req.headers.cookie = `${COOKIE}=${encodeURIComponent(token)}`
  }
  const setHeader = res.setHeader
  res.setHeader = function (name: string, value: number | string | readonly string[]) {
    if (name.toLowerCase() === 'set-cookie') {
      const cookies: readonly OutgoingHttpHeader[] = Array.isArray(value) ? value : [value]
      for (const cookie of cookies) {
        const match = /^sid=([^;]*)/.exec(String(cookie))
        if (match) return setHeader.call(this, HEADER, decodeURIComponent(match[1] ?? ''))
      }
    }
    return setHeader.call(this, name, value)
  }
  next()
}

/**
 * Express 5 + express-session + connect-redis on the `redis` client (connect-redis 9 takes
 * no ioredis), with the options its README recommends (`resave: false`,
 * `saveUninitialized: false`).
 */
export async function createExpressSessionRedis(): Promise<BenchServer> {
  const client = createClient({ url: BENCH_ENV.redisUrl })
  client.on('error', () => {
    // Failures show up as non-2xx answers in the load report.
  })
  await client.connect()
  // node-redis hands out a wrapper (`Object.create(client)`); its commands run through the
  // wrapped client's `sendCommand`, which `_self` is.
  const commands = countCommands((client as unknown as { _self: CommandSender })._self)
  const app = express()
  app.use(headerAsCookie)
  app.use(
    session({
      name: COOKIE,
      store: new RedisStore({ client, prefix: 'bench:es:' }),
      secret: 'bench-secret-not-for-production',
      resave: false,
      saveUninitialized: false,
      cookie: { maxAge: SESSION_MAX_AGE_MS },
    }),
  )
  app.get(ROUTE, (req: Request, res: Response) => {
    res.json({ views: req.session.views ?? 0 })
  })
  app.post(ROUTE, (req: Request, res: Response, _next: NextFunction) => {
    req.session.views = (req.session.views ?? 0) + 1
    res.json({ views: req.session.views })
  })
  return {
    listener: app,
    queries: commands,
    close: async () => {
      await client.quit()
    },
  }
}
