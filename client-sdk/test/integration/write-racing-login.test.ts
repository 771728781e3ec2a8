import { createClient } from '../../src/core/client'
import { createCodeLogin } from '../../src/core/code-login'
import type { TransportRequest } from '../../src/core/types'
import { createFetchTransport } from '../../src/fetch/index'
import { controllableStore, type ControllableStore } from '../support/controllable-store'
import type { Hold } from '../support/hold'
import { holdingTransport, type HoldingTransport } from '../support/holding-transport'
import { startRealServer, type RealServer } from './real-server'

// PROTOCOL client rules 6 and 7 over real HTTP, against the reference server. The race is
// forced, never left to timing: the write is held either in the client's transport (sent under
// the old token, it reaches the server after the login rotated that token away: the server
// makes it a new session, status `created`) or at its commit (it loaded the old session before
// the login and commits after it: 409 `SESSION_CONFLICT`). Both are answers the SDK must see
// through, whatever order the server reads bodies and sessions in.

describe('a write racing a login, against the real server', () => {
  let server: RealServer
  let store: ControllableStore
  let logins = 0
  beforeAll(async () => {
    server = await startRealServer({ wrapStore: (s) => (store = controllableStore(s)).store })
  })
  afterAll(() => server.close())

  /** A client on a transport that can hold requests, and the answers to `path` it saw. */
  function setup(path: string) {
    const transport = holdingTransport(createFetchTransport())
    const answers: string[] = []
    const openid = `o-race-${++logins}`
    const client = createClient({
      baseURL: server.url,
      transport,
      login: createCodeLogin({ getCode: async () => server.standIn.issueCode({ openid }) }),
      hooks: {
        afterResponse(response, request) {
          if (!request.url.endsWith(path)) return
          const status = response.headers.get('X-Header-Session-Status') ?? '-'
          answers.push(`${request.method} ${response.status} ${status}`)
        },
      },
    })
    return { client, transport, answers }
  }

  type Slowdown = (transport: HoldingTransport, matches: (r: TransportRequest) => boolean) => Hold
  const races: Array<[string, Slowdown, string]> = [
    ['held before it reaches the server', (t, matches) => t.holdNext(matches), '200 created'],
    ['held at its commit', () => store.holdNextWrite(), '409 -'],
  ]

  describe.each(races)('the write %s', (_how, slow, firstAnswer) => {
    it('PUT: replayed with the logged-in token, the item lands in the logged-in session', async () => {
      const path = '/api/cart/items/b'
      const { client, transport, answers } = setup(path)
      await client.put('/api/cart/items/a', { qty: 1 })
      const anonymous = client.getToken()

      const hold = slow(transport, (r) => r.url.endsWith(path))
      const write = client.put(path, { qty: 2 })
      await hold.reached
      await client.login()
      expect(client.getToken()).not.toBe(anonymous)
      hold.release()

      await expect(write).resolves.toMatchObject({ status: 200, data: { sku: 'b', qty: 2 } })
      expect(answers).toEqual([`PUT ${firstAnswer}`, 'PUT 200 -'])
      expect((await client.get('/api/cart')).data).toEqual({ items: { a: 1, b: 2 } })
    })

    it('POST: rejected with SessionConflictError, not replayed, nothing counted twice', async () => {
      const path = '/api/counter'
      const { client, transport, answers } = setup(path)
      await client.post(path)

      const hold = slow(transport, (r) => r.url.endsWith(path))
      const write = client.post(path)
      await hold.reached
      await client.login()
      hold.release()

      await expect(write).rejects.toMatchObject({
        name: 'SessionConflictError',
        code: 'SESSION_CONFLICT',
        request: { method: 'POST', url: server.url + path },
      })
      expect(answers).toEqual(['POST 200 created', `POST ${firstAnswer}`])
      expect(transport.requests.filter((r) => r.url.endsWith(path))).toHaveLength(2)
      expect((await client.get(path)).data).toEqual({ count: 1 })
    })
  })
})

describe('a session store failure, against the real server', () => {
  let server: RealServer
  let store: ControllableStore
  beforeAll(async () => {
    server = await startRealServer({ wrapStore: (s) => (store = controllableStore(s)).store })
  })
  afterAll(() => server.close())

  it.each([
    ['load', 'not-applied', 'get'],
    ['commit', 'unknown', 'commit'],
  ] as const)(
    'a 503 after a failed %s is not replayed; the error carries outcome %s',
    async (_step, outcome, method) => {
      const transport = holdingTransport(createFetchTransport())
      const client = createClient({ baseURL: server.url, transport })
      await client.post('/api/counter')
      store.failNext(method)
      const error = await client.post('/api/counter').catch((e: unknown) => e)
      expect(error).toMatchObject({
        name: 'HttpError',
        status: 503,
        data: { error: { code: 'SESSION_STORE_UNAVAILABLE', outcome } },
      })
      expect(transport.requests).toHaveLength(2)
    },
  )
})
