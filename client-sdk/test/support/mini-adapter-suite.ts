import type { Client } from '../../src/core/client-types'
import type { Storage, Transport } from '../../src/core/types'
import { OptionsError } from '../../src/errors/index'
import type { LoginFunction } from '../../src/core/client-types'
import type { MiniClientOptions, MiniPlatformApi } from '../../src/mini/mini-platform'
import { createFakeMiniPlatform, type FakeMiniPlatform } from './fake-mini-platform'
import { jsonReply, type FakeServer } from './fake-server'

/** The factories a WeChat-shaped adapter exports. */
export interface MiniAdapterModule {
  transport(options?: { api?: MiniPlatformApi; maxConcurrent?: number }): Transport
  storage(options?: { api?: MiniPlatformApi }): Storage
  login(options?: { api?: MiniPlatformApi; path?: string }): LoginFunction
  client(options: MiniClientOptions): Client
  getLoginCode(options?: { api?: MiniPlatformApi }): Promise<string>
}

const baseURL = 'https://api.example.com'
const TOKEN = 'L'.repeat(43)

/** A server with a login route and a protected counter. */
export const loginServer: FakeServer = (r) => {
  if (r.url.endsWith('/api/auth/login'))
    return jsonReply(200, { ok: true }, [['X-Header-Session', TOKEN]])
  if (r.headers['X-Header-Session'] !== TOKEN)
    return jsonReply(401, { error: { code: 'SESSION_REQUIRED' } })
  return jsonReply(200, { count: 1 })
}

/** The methods a client may be asked for. */
const EVERY_METHOD = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const

/** What an adapter's platform request takes, by each source, and what the adapter sends as is. */
export interface MethodExpectations {
  /** The methods the adapter sends as they are. */
  readonly native: readonly string[]
  /** Each source's list of the methods the platform's request takes (the fake refuses others). */
  readonly readings: Readonly<Record<string, readonly string[]>>
}

/**
 * Tests every WeChat-shaped adapter shares: its global, its storage, its login, its client, and
 * the methods it sends, under each reading of its platform's docs.
 */
export function describeMiniAdapter(
  name: string,
  globalName: string | undefined,
  adapter: MiniAdapterModule,
  methods: MethodExpectations,
): void {
  const fake = (server: FakeServer = loginServer): FakeMiniPlatform =>
    createFakeMiniPlatform({ name, server })

  describe(`${name} adapter`, () => {
    afterEach(() => {
      if (globalName) delete (globalThis as Record<string, unknown>)[globalName]
    })

    it('logs in with a platform code and keeps the token in platform storage', async () => {
      const api = fake()
      const client = adapter.client({ api, baseURL, auth: true })
      const results = await Promise.all([client.get('/api/counter'), client.get('/api/counter')])
      expect(results.map((r) => r.data)).toEqual([{ count: 1 }, { count: 1 }])
      expect(api.logins).toBe(1)
      expect(api.calls[0]).toMatchObject({
        method: 'POST',
        data: JSON.stringify({ code: `${name}-code-1` }),
      })
      expect(api.storage.get('header-session:' + baseURL)).toBe(TOKEN)
      const restarted = adapter.client({ api, baseURL })
      await restarted.get('/api/counter')
      expect(api.logins).toBe(1)
    })

    it('declares the platform limit of 10 concurrent tasks by default', async () => {
      const api = fake(() => ({ hang: true }))
      const transport = adapter.transport({ api })
      expect(transport.maxConcurrent).toBe(10)
      expect(adapter.transport({ api, maxConcurrent: 4 }).maxConcurrent).toBe(4)
    })

    describe.each(Object.entries(methods.readings))(
      'methods, as %s lists them',
      (_source, taken) => {
        it('sends its own methods as they are, PUT, PATCH and DELETE otherwise as a POST with X-HTTP-Method-Override', async () => {
          const api = createFakeMiniPlatform({
            name,
            server: () => jsonReply(200, {}),
            methods: taken,
          })
          const client = adapter.client({ api, baseURL, login: undefined })
          const outcomes: string[] = []
          for (const method of EVERY_METHOD) {
            await client.request('/x', { method, headers: { 'X-App': 'demo' } }).then(
              () => {
                const header = api.calls[api.calls.length - 1]?.header ?? {}
                const override = header['X-HTTP-Method-Override']
                expect(header['X-App']).toBe('demo')
                const sent = api.calls[api.calls.length - 1]?.method
                outcomes.push(override ? `${sent} for ${override}` : String(sent))
              },
              (e: unknown) => outcomes.push(`refused: ${(e as Error).message}`),
            )
          }
          const expected = EVERY_METHOD.map((method) => {
            if (methods.native.includes(method)) {
              return taken.includes(method) ? method : 'refused: request:fail method is invalid'
            }
            if (['PUT', 'PATCH', 'DELETE'].includes(method)) return `POST for ${method}`
            return `refused: ${name}.request cannot send ${method}`
          })
          expect(outcomes).toEqual(expected)
          // Whatever the reading, PUT, PATCH and DELETE get through.
          expect(
            outcomes.filter(
              (o, i) =>
                ['PUT', 'PATCH', 'DELETE'].includes(EVERY_METHOD[i] ?? '') &&
                o.startsWith('refused'),
            ),
          ).toEqual([])
        })
      },
    )

    it('takes the methods a build targets (transport option methods)', async () => {
      const api = createFakeMiniPlatform({ name, server: () => jsonReply(200, {}) })
      const client = adapter.client({
        api,
        baseURL,
        login: undefined,
        methods: ['GET', 'POST', 'HEAD'],
      })
      await client.request('/x', { method: 'HEAD' })
      await client.put('/x', {})
      expect(api.calls.map((c) => [c.method, c.header?.['X-HTTP-Method-Override']])).toEqual([
        ['HEAD', undefined],
        ['POST', 'PUT'],
      ])
    })

    it('gets a login code as a promise, for a custom login', async () => {
      const api = fake()
      await expect(adapter.getLoginCode({ api })).resolves.toBe(`${name}-code-1`)
      await expect(adapter.getLoginCode({ api })).resolves.toBe(`${name}-code-2`)
      api.login = (o) => void setTimeout(() => o.fail?.({ errMsg: 'login:fail auth deny' }))
      await expect(adapter.getLoginCode({ api })).rejects.toMatchObject({
        name: 'LoginError',
        message: 'login:fail auth deny',
      })
      api.login = (o) => void setTimeout(() => o.success?.({}))
      await expect(adapter.getLoginCode({ api })).rejects.toMatchObject({
        name: 'LoginError',
        message: 'No login code',
      })
      expect(() => adapter.getLoginCode()).toThrow(OptionsError)
    })

    it('reads a missing key as no token', () => {
      expect(adapter.storage({ api: fake() }).get('nothing')).toBeNull()
    })

    if (globalName) {
      it(`uses the global ${globalName} when no api is given`, async () => {
        const api = fake()
        ;(globalThis as Record<string, unknown>)[globalName] = api
        const client = adapter.client({ baseURL })
        await client.login()
        expect(api.logins).toBe(1)
      })
    }

    it(`fails at creation, naming the option, without ${globalName ?? 'an api'}`, () => {
      expect(() => adapter.transport()).toThrow(OptionsError)
      expect(() => adapter.login()).toThrow(`Option "api" must be the ${name} object`)
    })
  })
}
