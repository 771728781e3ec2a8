import type { Knex } from 'knex'
import { createApp, type AppOptions } from '../src/app'
import { NotFoundError } from '../src/errors'
import type { AppRoutes, RouteDeps } from '../src/routes'
import { TokenClient } from '../../session/test/support/http'
import { describeRoutes } from './support/route-app'

/** What the routes below were handed, to check it is the app's own. */
const handed: { deps?: RouteDeps } = {}

/** Routes of a user's own, as `AppOptions.routes` takes them. */
const userRoutes: AppRoutes = (router, deps) => {
  handed.deps = deps
  router.get('/hello', (ctx) => {
    ctx.body = { hello: ctx.session.get<string>('name') ?? 'stranger' }
  })
  router.post('/hello', (ctx) => {
    const { name } = ctx.request.body as { name?: unknown }
    ctx.session.set('name', String(name))
    ctx.log.info({ name: String(name) }, 'named')
    ctx.body = { named: name }
  })
  router.get('/things/:id', () => {
    throw new NotFoundError('thing')
  })
  router.get('/tables', async (ctx) => {
    const rows: { name: string }[] = await deps
      .knex('sqlite_master')
      .where({ type: 'table', name: 'users' })
      .select('name')
    ctx.body = { tables: rows.map((row) => row.name) }
  })
  // The app answers this path already: its own route stays the one that answers.
  router.get('/counter', (ctx) => {
    ctx.body = { count: -1 }
  })
}

describeRoutes(
  "createApp's routes option",
  (harness) => {
    it('serves the routes under /api, with the session and the JSON body', async () => {
      const client = new TokenClient(harness().url)
      expect((await client.send('GET', '/api/hello')).body).toEqual({ hello: 'stranger' })
      const named = await client.send('POST', '/api/hello', { name: 'Ada' })
      expect(named.status).toBe(200)
      expect(named.sessionStatus).toBe('created')
      expect((await client.send('GET', '/api/hello')).body).toEqual({ hello: 'Ada' })
    })

    it("renders the routes' errors as the app renders its own", async () => {
      const res = await new TokenClient(harness().url).send('GET', '/api/things/1')
      expect(res.status).toBe(404)
      expect(res.body).toMatchObject({ error: { code: 'NOT_FOUND' } })
    })

    it("hands them the app's dependencies: its knex, its session admin", async () => {
      expect(handed.deps?.knex).toBe(harness().knex)
      expect(typeof handed.deps?.sessions.list).toBe('function')
      const res = await new TokenClient(harness().url).send('GET', '/api/tables')
      expect(res.body).toEqual({ tables: ['users'] })
    })

    it("leaves a path the app answers to the app's route", async () => {
      const res = await new TokenClient(harness().url).send('GET', '/api/counter')
      expect(res.body).toEqual({ count: 0 })
    })
  },
  { routes: userRoutes },
)

describe('createApp with a routes option that is no function', () => {
  it('throws a TypeError naming it', () => {
    const options = {
      store: {} as AppOptions['store'],
      knex: {} as Knex,
      wechat: { appId: 'a', secret: 's' },
      routes: { hello: true },
    } as unknown as AppOptions
    expect(() => createApp(options)).toThrow(/routes: expected a function/)
  })
})
