import { createClient } from './client'
import { createMemoryStorage } from './memory-storage'
import type { Storage } from './types'
import { StorageError } from '../errors/storage-error'
import { fakeTransport, json, sentToken, token } from '../../test/support/fake-transport'

const baseURL = 'https://api.example.com'
const KEY = 'header-session:' + baseURL
const issuing = () => fakeTransport(() => json(200, {}, { 'X-Header-Session': token('new') }))

/** A storage whose writes fail like WeChat's past its quota. */
function fullStorage(): Storage & { values: Map<string, string> } {
  const values = new Map<string, string>()
  return {
    values,
    get: (key) => values.get(key),
    set: () => {
      throw new Error('setStorageSync:fail exceed storage max size 10Mb')
    },
    remove: (key) => void values.delete(key),
  }
}

describe('token storage', () => {
  it('restores the token at boot, so a session survives a restart', async () => {
    const storage = createMemoryStorage()
    await createClient({ baseURL, transport: issuing(), storage }).get('/api/counter')
    expect(storage.get(KEY)).toBe(token('new'))
    const transport = fakeTransport(() => json(200, {}))
    await createClient({ baseURL, transport, storage }).get('/api/counter')
    expect(sentToken(transport.requests[0])).toBe(token('new'))
  })

  it('namespaces keys by base URL', async () => {
    const storage = createMemoryStorage()
    storage.set(KEY, token('a'))
    const transport = fakeTransport(() => json(200, {}))
    await createClient({ baseURL: 'https://other.example.com', transport, storage }).get('/x')
    expect(sentToken(transport.requests[0])).toBeUndefined()
    expect(createClient({ baseURL, transport, storage, storageKey: 'mine' })).toBeDefined()
  })

  it('drops a corrupted stored value', async () => {
    const storage = createMemoryStorage()
    storage.set(KEY, 'not a token!')
    const transport = fakeTransport(() => json(200, {}))
    await createClient({ baseURL, transport, storage }).get('/x')
    expect(sentToken(transport.requests[0])).toBeUndefined()
    expect(storage.get(KEY)).toBeUndefined()
  })

  it('works with an asynchronous storage', async () => {
    const values = new Map([[KEY, token('async')]])
    const storage: Storage = {
      get: async (key) => values.get(key),
      set: async (key, value) => void values.set(key, value),
      remove: async (key) => void values.delete(key),
    }
    const transport = fakeTransport(() => json(200, {}))
    await createClient({ baseURL, transport, storage }).get('/x')
    expect(sentToken(transport.requests[0])).toBe(token('async'))
  })

  it('rejects the call with StorageError on a quota error, keeping the token in memory', async () => {
    const client = createClient({ baseURL, transport: issuing(), storage: fullStorage() })
    const error = await client.get('/x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StorageError)
    expect(error).toMatchObject({
      code: 'STORAGE_ERROR',
      operation: 'write',
      message: 'Storage write failed',
    })
    expect(String((error as StorageError).cause)).toContain('exceed storage max size')
    expect(client.getToken()).toBe(token('new'))
  })

  it('hands storage errors to onStorageError instead, when given', async () => {
    const onStorageError = jest.fn()
    const client = createClient({
      baseURL,
      transport: issuing(),
      storage: fullStorage(),
      hooks: { onStorageError },
    })
    await expect(client.get('/x')).resolves.toMatchObject({ ok: true })
    expect(onStorageError).toHaveBeenCalledWith(expect.any(StorageError))
  })

  it('starts without a token when storage cannot be read; the first call reports it once', async () => {
    const storage: Storage = {
      get: () => {
        throw new Error('SecurityError: storage disabled')
      },
      set: () => undefined,
      remove: () => undefined,
    }
    const client = createClient({ baseURL, transport: fakeTransport(() => json(200, {})), storage })
    await expect(client.get('/x')).rejects.toMatchObject({
      name: 'StorageError',
      operation: 'read',
    })
    await expect(client.get('/x')).resolves.toMatchObject({ ok: true })
  })

  it('removes the stored token when the server drops it', async () => {
    const storage = createMemoryStorage()
    storage.set(KEY, token('old'))
    const transport = fakeTransport(() =>
      json(200, {}, { 'X-Header-Session': '', 'X-Header-Session-Status': 'invalid' }),
    )
    await createClient({ baseURL, transport, storage }).get('/x')
    expect(storage.get(KEY)).toBeUndefined()
  })
})
