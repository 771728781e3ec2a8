import Koa from 'koa'
import { ApiRouter } from '../src/routes/api-router'
import { listen } from '../../session/test/support/http'

describe('ApiRouter (the /api router that remembers matches)', () => {
  it('matches as @koa/router does, handing each caller its own copy', () => {
    const router = new ApiRouter()
    router.get('/notes/:id', () => {})
    const first = router.match('/notes/1', 'GET')
    const again = router.match('/notes/1', 'GET')
    expect(again.route).toBe(true)
    expect(again.path.map((layer) => layer.path)).toEqual(['/notes/:id'])
    expect(again.path).not.toBe(first.path)
    first.path.push(first.path[0]!)
    expect(router.match('/notes/1', 'GET').path).toHaveLength(1)
    expect(router.match('/notes/1', 'DELETE').route).toBe(false)
  })

  it('forgets what it remembered when a route is added', () => {
    const router = new ApiRouter()
    router.get('/a', () => {})
    expect(router.match('/b', 'GET').route).toBe(false)
    router.get('/b', () => {})
    expect(router.match('/b', 'GET').route).toBe(true)
  })

  it('answers right past the paths it remembers at most, over HTTP', async () => {
    const router = new ApiRouter({ prefix: '/api' })
    router.get('/items/:id', (ctx) => {
      ctx.body = { id: ctx.params.id }
    })
    const app = new Koa()
    app.use(router.routes())
    const server = await listen(app)
    try {
      // More paths than it remembers: it starts over, and goes on matching.
      for (let id = 0; id < 1_010; id += 1) {
        expect(router.match(`/api/items/${id}`, 'GET').route).toBe(true)
      }
      for (const id of ['5', '1009']) {
        const res = await fetch(`${server.url}/api/items/${id}`)
        expect(await res.json()).toEqual({ id })
      }
      expect((await fetch(`${server.url}/api/other`)).status).toBe(404)
    } finally {
      await server.close()
    }
  })
})
