import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { createClient } from '../core/client'
import { createCodeLogin } from '../core/code-login'
import { HeaderNotExposedError, OptionsError, StorageError } from '../errors/index'
import {
  createFetchTransport,
  createFileStorage,
  createLocalStorage,
  createSessionStorage,
  createWebStorage,
  type WebStorageLike,
} from './index'
import { createFakeFetch } from '../../test/support/fake-fetch'
import { jsonReply } from '../../test/support/fake-server'

const baseURL = 'https://api.example.com'
const TOKEN = 'F'.repeat(43)
const issuing = () => createFakeFetch(() => jsonReply(200, {}, [['X-Header-Session', TOKEN]]))

describe('fetch transport', () => {
  const realFetch = globalThis.fetch
  afterEach(() => {
    globalThis.fetch = realFetch
  })

  it('uses the global fetch, without credentials (no cookies)', async () => {
    const fake = issuing()
    globalThis.fetch = fake as unknown as typeof fetch
    const client = createClient({ baseURL, transport: createFetchTransport() })
    await client.get('/x')
    expect(fake.calls[0]?.init).toMatchObject({ method: 'GET', credentials: 'omit' })
    expect(createFetchTransport().maxConcurrent).toBeUndefined()
  })

  it("reports a fetch under AbortSignal.timeout() as TimeoutError, with the client's limit", async () => {
    const timedOut = async () => {
      throw new DOMException('signal timed out', 'TimeoutError')
    }
    const client = createClient({ baseURL, transport: createFetchTransport({ fetch: timedOut }) })
    await expect(client.get('/x', { timeoutMs: 900 })).rejects.toMatchObject({
      code: 'TIMEOUT',
      timeoutMs: 900,
    })
  })

  it("passes fetch's own options (cache, keepalive, ...) under the transport's", async () => {
    const fake = issuing()
    const client = createClient({
      baseURL,
      transport: createFetchTransport({ fetch: fake }),
      platformOptions: { cache: 'no-store' },
    })
    await client.post('/x', {}, { platformOptions: { keepalive: true } })
    expect(fake.calls[0]?.init).toMatchObject({
      cache: 'no-store',
      keepalive: true,
      method: 'POST',
      credentials: 'omit',
    })
  })

  it('fails at creation when there is no fetch', () => {
    ;(globalThis as { fetch?: unknown }).fetch = undefined
    expect(() => createFetchTransport()).toThrow(OptionsError)
    expect(() => createFetchTransport()).toThrow(
      'Option "fetch" must be a fetch function; got undefined',
    )
  })

  it('explains a login whose token the browser hid (Access-Control-Expose-Headers missing)', async () => {
    const fake = createFakeFetch(() => jsonReply(200, {}, [['X-Header-Session', TOKEN]]), {
      cors: true,
    })
    const client = createClient({
      baseURL,
      transport: createFetchTransport({ fetch: fake }),
      login: createCodeLogin({ getCode: async () => 'c' }),
    })
    const error = await client.login().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HeaderNotExposedError)
    expect(error).toMatchObject({ code: 'HEADER_NOT_EXPOSED', headerName: 'X-Header-Session' })
  })

  it('needs a Blob to upload', async () => {
    const client = createClient({ baseURL, transport: createFetchTransport({ fetch: issuing() }) })
    await expect(client.upload('/u', { name: 'f', filePath: '/tmp/a' })).rejects.toBeInstanceOf(
      OptionsError,
    )
  })
})

describe('web storages', () => {
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage
    delete (globalThis as { sessionStorage?: unknown }).sessionStorage
  })

  const memory = (): WebStorageLike & { values: Map<string, string> } => {
    const values = new Map<string, string>()
    return {
      values,
      getItem: (k) => values.get(k) ?? null,
      setItem: (k, v) => void values.set(k, v),
      removeItem: (k) => void values.delete(k),
    }
  }

  it('persist the token in localStorage and sessionStorage', async () => {
    const local = memory()
    const session = memory()
    Object.assign(globalThis, { localStorage: local, sessionStorage: session })
    await createClient({
      baseURL,
      transport: createFetchTransport({ fetch: issuing() }),
      storage: createLocalStorage(),
    }).get('/x')
    await createClient({
      baseURL,
      transport: createFetchTransport({ fetch: issuing() }),
      storage: createSessionStorage(),
    }).get('/x')
    expect(local.values.get('header-session:' + baseURL)).toBe(TOKEN)
    expect(session.values.get('header-session:' + baseURL)).toBe(TOKEN)
  })

  it('turn a quota error into StorageError', async () => {
    const full: WebStorageLike = {
      ...memory(),
      setItem: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      },
    }
    const client = createClient({
      baseURL,
      transport: createFetchTransport({ fetch: issuing() }),
      storage: createWebStorage(full),
    })
    const error = await client.get('/x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StorageError)
    expect((error as StorageError).cause).toMatchObject({ name: 'QuotaExceededError' })
  })

  it('report a missing or blocked localStorage on use, not at creation', async () => {
    const storage = createLocalStorage()
    const client = createClient({
      baseURL,
      transport: createFetchTransport({ fetch: issuing() }),
      storage,
    })
    await expect(client.get('/x')).rejects.toMatchObject({
      name: 'StorageError',
      operation: 'read',
    })
  })
})

describe('file storage', () => {
  let dir: string
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-sdk-'))))
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('keeps the token across a restart, in a 0600 file', async () => {
    const file = path.join(dir, 'session.json')
    await createClient({
      baseURL,
      transport: createFetchTransport({ fetch: issuing() }),
      storage: createFileStorage(file, fs),
    }).get('/x')
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      ['header-session:' + baseURL]: TOKEN,
    })
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    const fake = createFakeFetch(() => jsonReply(200, {}))
    await createClient({
      baseURL,
      transport: createFetchTransport({ fetch: fake }),
      storage: createFileStorage(file, fs),
    }).get('/y')
    expect(fake.calls[0]?.init.headers['X-Header-Session']).toBe(TOKEN)
  })

  it('reads a missing or corrupted file as empty, and repairs it on the next write', () => {
    const file = path.join(dir, 'session.json')
    const storage = createFileStorage(file, fs)
    expect(storage.get('k')).toBeNull()
    fs.writeFileSync(file, '{not json')
    expect(storage.get('k')).toBeNull()
    storage.set('k', 'v')
    storage.set('other', 'w')
    storage.remove('other')
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ k: 'v' })
  })

  it('reports other file errors as StorageError', async () => {
    const storage = createFileStorage(dir, fs) // a directory: EISDIR
    const client = createClient({
      baseURL,
      transport: createFetchTransport({ fetch: issuing() }),
      storage,
    })
    await expect(client.get('/x')).rejects.toMatchObject({
      name: 'StorageError',
      operation: 'read',
    })
  })
})
