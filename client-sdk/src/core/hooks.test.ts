import { createClient } from './client'
import type { ClientResponse, RequestContext } from './client-types'
import { createMemoryStorage } from './memory-storage'
import { fakeTransport, json, token } from '../../test/support/fake-transport'

const baseURL = 'https://api.example.com'

describe('hooks', () => {
  it('beforeRequest may change URL and headers but never sees the token', async () => {
    const storage = createMemoryStorage()
    storage.set('header-session:' + baseURL, token('t'))
    const seen: RequestContext[] = []
    const transport = fakeTransport(() => json(200, {}))
    const client = createClient({
      baseURL,
      transport,
      storage,
      hooks: {
        beforeRequest: async (req) => {
          seen.push({ ...req, headers: { ...req.headers } })
          req.url += '?v=2'
          req.headers['X-Trace'] = 'abc'
        },
      },
    })
    await client.upload('/api/upload', {
      name: 'avatar',
      filePath: 'wxfile://a.png',
      formData: { a: '1' },
    })
    expect(seen).toEqual([
      { url: baseURL + '/api/upload', method: 'POST', kind: 'upload', headers: {} },
    ])
    expect(transport.requests[0]).toMatchObject({
      url: baseURL + '/api/upload?v=2',
      name: 'avatar',
      filePath: 'wxfile://a.png',
      formData: { a: '1' },
      headers: { 'X-Trace': 'abc', 'X-Header-Session': token('t') },
    })
  })

  it('afterResponse sees every answer, the refused ones included', async () => {
    const statuses: number[] = []
    const transport = fakeTransport((_r, i) => json(i === 0 ? 500 : 200, {}))
    const client = createClient({
      baseURL,
      transport,
      hooks: { afterResponse: (res: ClientResponse) => void statuses.push(res.status) },
    })
    await client.get('/a').catch(() => undefined)
    await client.get('/b')
    expect(statuses).toEqual([500, 200])
  })

  it('a throwing hook rejects the call with its error', async () => {
    const client = createClient({
      baseURL,
      transport: fakeTransport(() => json(200, {})),
      hooks: {
        beforeRequest: () => {
          throw new Error('offline mode')
        },
      },
    })
    await expect(client.get('/a')).rejects.toThrow('offline mode')
  })
})
