import { createClient } from './client'
import { createMemoryStorage } from './memory-storage'
import { HttpError } from '../errors/http-error'
import { NetworkError } from '../errors/network-error'
import { TimeoutError } from '../errors/timeout-error'
import { fakeTransport, json, token, type FakeAnswer } from '../../test/support/fake-transport'

const baseURL = 'https://api.example.com'

/** A client holding a token, on a transport answering every request with `answer`. */
function setup(answer: () => FakeAnswer | Promise<FakeAnswer>) {
  const storage = createMemoryStorage()
  storage.set('header-session:' + baseURL, token('t0'))
  const transport = fakeTransport(answer)
  const client = createClient({ baseURL, transport, storage, timeoutMs: 20, auth: true })
  return { client, transport }
}

// PROTOCOL client rule 7: after a 503, a timeout or a dropped connection the outcome of a write
// may be unknown, so only the app may send it again. Idempotent methods are not replayed either.
describe('503, timeouts and network errors (client rule 7)', () => {
  it.each(['not-applied', 'unknown'])(
    'does not replay a 503; the HttpError carries the outcome the server gave (%s)',
    async (outcome) => {
      const body = {
        error: { code: 'SESSION_STORE_UNAVAILABLE', message: 'try again', outcome },
      }
      const { client, transport } = setup(() => json(503, body, { 'Retry-After': '1' }))
      const error = await client.put('/api/cart/items/a', { qty: 1 }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(HttpError)
      expect(error).toMatchObject({ status: 503, data: body })
      expect((error as HttpError).data).toHaveProperty('error.outcome', outcome)
      expect(transport.requests).toHaveLength(1)
    },
  )

  it('does not replay a timeout', async () => {
    const { client, transport } = setup(() => new Promise<FakeAnswer>(() => undefined))
    await expect(client.put('/api/cart/items/a', { qty: 1 })).rejects.toBeInstanceOf(TimeoutError)
    expect(transport.requests).toHaveLength(1)
  })

  it.each([
    ['a dropped connection', { errMsg: 'request:fail interrupted' }],
    ['a platform timeout', { errMsg: 'request:fail timeout' }],
  ])('does not replay %s', async (_what, failure) => {
    const { client, transport } = setup(() => Promise.reject(failure))
    const error = await client.get('/api/cart').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(failure.errMsg.endsWith('timeout') ? TimeoutError : NetworkError)
    expect(transport.requests).toHaveLength(1)
  })
})
