import { createClient } from './client'
import { createAbortController } from './abort'
import type { LoginFunction } from './client-types'
import { DEFAULT_TIMEOUT_MS } from './options'
import { AbortError } from '../errors/abort-error'
import { NetworkError } from '../errors/network-error'
import { QueueFullError } from '../errors/queue-full-error'
import { TimeoutError } from '../errors/timeout-error'
import { deferred, fakeTransport, flush, json, token } from '../../test/support/fake-transport'

const baseURL = 'https://api.example.com'

describe('concurrency, timeouts and aborts', () => {
  it('runs at most maxConcurrent requests, uploads and downloads at once', async () => {
    const gate = deferred()
    const transport = fakeTransport(async () => {
      await gate.promise
      return json(200, {})
    }, 10)
    const client = createClient({ baseURL, transport })
    const calls = [
      ...Array.from({ length: 20 }, () => client.get('/a')),
      client.upload('/u', { name: 'file', filePath: 'wxfile://tmp' }),
      client.download('/d'),
    ]
    await flush()
    expect(transport.active).toBe(10)
    gate.resolve()
    await Promise.all(calls)
    expect(transport.peak).toBe(10)
    expect(transport.requests.map((r) => r.kind).sort()).toEqual([
      'download',
      ...Array(20).fill('request'),
      'upload',
    ])
  })

  it('lets the login jump the queue', async () => {
    const gates = [deferred(), deferred()]
    const transport = fakeTransport(async (r, i) => {
      if (i < 2) await gates[i]?.promise
      return json(200, {}, r.url.endsWith('/login') ? { 'X-Header-Session': token('t') } : {})
    })
    const login: LoginFunction = async (ctx) =>
      void (await ctx.request('/login', { method: 'POST' }))
    const client = createClient({ baseURL, transport, login, maxConcurrent: 2 })
    const busy = [
      client.get('/busy1'),
      client.get('/busy2'),
      client.get('/queued'),
      client.get('/queued2'),
    ]
    await flush()
    const loggingIn = client.login()
    gates[0]?.resolve()
    await loggingIn
    gates[1]?.resolve()
    await Promise.all(busy)
    expect(transport.requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/busy1',
      '/busy2',
      '/login',
      '/queued',
      '/queued2',
    ])
  })

  it('bounds the queue for a free slot too', async () => {
    const gate = deferred()
    const transport = fakeTransport(async () => {
      await gate.promise
      return json(200, {})
    })
    const client = createClient({ baseURL, transport, maxConcurrent: 1, maxQueue: 1 })
    const calls = [client.get('/1'), client.get('/2'), client.get('/3')]
    await expect(calls[2]).rejects.toBeInstanceOf(QueueFullError)
    gate.resolve()
    await Promise.all(calls.slice(0, 2))
  })

  it('times out with TimeoutError and aborts the platform task', async () => {
    let aborted = false
    const transport = fakeTransport(
      (r) =>
        new Promise(() => {
          r.signal.addEventListener('abort', () => (aborted = true))
        }),
    )
    const client = createClient({ baseURL, transport, timeoutMs: 20 })
    const error = await client.get('/slow').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ code: 'TIMEOUT', timeoutMs: 20 })
    expect(aborted).toBe(true)
    expect(transport.requests[0]?.timeoutMs).toBe(20)
  })

  it('passes no timeout to the transport unless one is set, and still ends the attempt at 60 s', async () => {
    jest.useFakeTimers()
    try {
      let aborted = false
      const transport = fakeTransport(
        (r) => new Promise(() => r.signal.addEventListener('abort', () => (aborted = true))),
      )
      const client = createClient({ baseURL, transport })
      const outcome = client.get('/slow').catch((e: unknown) => e)
      await jest.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS - 1)
      expect(aborted).toBe(false)
      await jest.advanceTimersByTimeAsync(1)
      expect(await outcome).toMatchObject({ code: 'TIMEOUT', timeoutMs: 60000 })
      expect(aborted).toBe(true)
      expect(transport.requests[0]).not.toHaveProperty('timeoutMs', expect.anything())
    } finally {
      jest.useRealTimers()
    }
  })

  it("gives the transport the call's timeout, else the client's", async () => {
    const transport = fakeTransport(() => json(200, {}))
    const client = createClient({ baseURL, transport, timeoutMs: 5000 })
    await client.get('/a')
    await client.get('/b', { timeoutMs: 300 })
    expect(transport.requests.map((r) => r.timeoutMs)).toEqual([5000, 300])
  })

  it('keeps a token issued by an answer that came after the timeout', async () => {
    const late = deferred()
    const transport = fakeTransport(async () => {
      await late.promise
      return json(200, {}, { 'X-Header-Session': token('late') })
    })
    const client = createClient({ baseURL, transport })
    await expect(client.post('/api/auth/login', {}, { timeoutMs: 10 })).rejects.toBeInstanceOf(
      TimeoutError,
    )
    late.resolve()
    await flush()
    expect(client.getToken()).toBe(token('late'))
  })

  it('aborts in flight and in the queue with AbortError', async () => {
    const gate = deferred()
    const transport = fakeTransport(async () => {
      await gate.promise
      return json(200, {})
    })
    const client = createClient({ baseURL, transport, maxConcurrent: 1 })
    const first = createAbortController()
    const second = new AbortController()
    const running = client.get('/1', { signal: first.signal })
    const queued = client.get('/2', { signal: second.signal })
    const third = client.get('/3')
    await flush()
    first.abort()
    second.abort()
    await expect(running).rejects.toBeInstanceOf(AbortError)
    await expect(queued).rejects.toMatchObject({ name: 'AbortError', code: 'ABORTED' })
    gate.resolve()
    await third
    expect(transport.requests.map((r) => r.url)).toEqual([baseURL + '/1', baseURL + '/3'])
    await expect(client.get('/4', { signal: first.signal })).rejects.toBeInstanceOf(AbortError)
  })

  it('turns transport failures into NetworkError, keeping the cause', async () => {
    const failure = { errMsg: 'request:fail interrupted' }
    const client = createClient({
      baseURL,
      transport: fakeTransport(() => Promise.reject(failure)),
    })
    const error = await client.get('/x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ message: 'request:fail interrupted', cause: failure })
    const throwing = createClient({
      baseURL,
      transport: {
        send: () => {
          throw new TypeError('sync failure')
        },
      },
    })
    await expect(throwing.get('/x')).rejects.toMatchObject({
      name: 'NetworkError',
      message: 'sync failure',
    })
  })
})
