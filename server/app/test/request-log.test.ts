import Koa from 'koa'
import { createLogger } from '../src/logger'
import { createRequestIds, createRequestLog, defineRequestLogger } from '../src/http/request-log'
import { listen } from '../../session/test/support/http'
import { captureLines } from './support/captured-lines'

/** An app of the request log alone, with `route` as its only middleware after it. */
async function serve(route: Koa.Middleware) {
  const { lines, stream } = captureLines()
  const logger = createLogger('info', { destination: stream })
  const app = new Koa()
  defineRequestLogger(app.context, logger)
  const requestLog = createRequestLog(logger, 'X-Header-Session')
  app.use(async (ctx, next) => {
    const started = requestLog.start(ctx)
    try {
      await next()
    } finally {
      requestLog.end(ctx, started)
    }
  })
  app.use(route)
  const server = await listen(app)
  const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>)
  return { server, parsed }
}

describe('ctx.log', () => {
  it('is a child carrying the request id and client, made once per request', async () => {
    const { server, parsed } = await serve((ctx) => {
      expect(ctx.log).toBe(ctx.log)
      ctx.log.info({ step: 1 }, 'from the route')
      ctx.body = 'ok'
    })
    try {
      await fetch(`${server.url}/a`, { headers: { 'X-Request-Id': 'req-a' } })
      await fetch(`${server.url}/b`, { headers: { 'X-Request-Id': 'req-b' } })
      const routeLines = parsed().filter((line) => line.msg === 'from the route')
      expect(routeLines).toEqual([
        expect.objectContaining({ reqId: 'req-a', client: '127.0.0.1', step: 1 }),
        expect.objectContaining({ reqId: 'req-b', client: '127.0.0.1', step: 1 }),
      ])
    } finally {
      await server.close()
    }
  })

  it('may be replaced by a middleware, for that request only', async () => {
    const { server, parsed } = await serve((ctx) => {
      if (ctx.path === '/tenant') ctx.log = ctx.log.child({ tenant: 't1' })
      ctx.log.info('from the route')
      ctx.body = 'ok'
    })
    try {
      await fetch(`${server.url}/tenant`)
      await fetch(`${server.url}/other`)
      const routeLines = parsed().filter((line) => line.msg === 'from the route')
      expect(routeLines[0]).toMatchObject({ tenant: 't1', reqId: expect.any(String) })
      expect(routeLines[1]).not.toHaveProperty('tenant')
      expect(parsed().filter((line) => line.msg === 'request')).toHaveLength(2)
    } finally {
      await server.close()
    }
  })
})

describe('createRequestIds', () => {
  it('counts up after a random prefix of its own, in ids a client may send back', () => {
    const first = createRequestIds()
    const second = createRequestIds()
    const ids = Array.from({ length: 40 }, () => first())
    const prefix = (ids[0] as string).slice(0, 13)
    expect(prefix).toMatch(/^[0-9a-f]{12}-$/)
    expect(ids.slice(0, 3)).toEqual([`${prefix}1`, `${prefix}2`, `${prefix}3`])
    expect(ids[35]).toBe(`${prefix}10`)
    expect(new Set(ids).size).toBe(40)
    expect(second().slice(0, 13)).not.toBe(prefix)
    // What the request log keeps of a client's X-Request-Id: its own ids pass.
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9._:-]{1,40}$/)
  })
})
