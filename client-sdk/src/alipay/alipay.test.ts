import {
  createAlipayClient,
  createAlipayLogin,
  createAlipayStorage,
  createAlipayTransport,
  getAlipayAuthCode,
} from './index'
import { NetworkError, OptionsError, StorageError } from '../errors/index'
import { createFakeAlipay } from '../../test/support/fake-alipay'
import { loginServer } from '../../test/support/mini-adapter-suite'

const baseURL = 'https://api.example.com'

describe('alipay adapter', () => {
  afterEach(() => delete (globalThis as { my?: unknown }).my)

  it('logs in with my.getAuthCode and keeps the token in my storage', async () => {
    const my = createFakeAlipay(loginServer)
    const client = createAlipayClient({ api: my, baseURL, auth: true })
    await expect(client.get('/api/counter')).resolves.toMatchObject({ data: { count: 1 } })
    expect(my.calls[0]).toMatchObject({
      headers: { 'Content-Type': 'application/json' },
      data: '{"code":"my-code-1"}',
    })
    expect(my.storage.get('header-session:' + baseURL)).toBe('L'.repeat(43))
    expect(createAlipayStorage({ api: my }).get('header-session:' + baseURL)).toBe('L'.repeat(43))
  })

  it('sends fileName and fileType on uploads (image unless formData says otherwise)', async () => {
    const my = createFakeAlipay(() => ({ status: 200, body: '{}' }))
    const client = createAlipayClient({ api: my, baseURL })
    await client.upload('/u', { name: 'photo', filePath: 'a.jpg' })
    await client.upload('/u', { name: 'clip', filePath: 'a.mp4', formData: { fileType: 'video' } })
    expect(my.calls.map((c) => [c.fileName, c.fileType])).toEqual([
      ['photo', 'image'],
      ['clip', 'video'],
    ])
  })

  it('sends GET and POST as they are, PUT, PATCH and DELETE as POSTs with X-HTTP-Method-Override', async () => {
    const my = createFakeAlipay(() => ({ status: 200, body: '{}' }))
    const client = createAlipayClient({ api: my, baseURL, login: undefined })
    await client.get('/x')
    await client.post('/x', {})
    await client.put('/x', {})
    await client.patch('/x', {})
    await client.delete('/x')
    expect(my.calls.map((c) => [c.method, c.headers?.['X-HTTP-Method-Override']])).toEqual([
      ['GET', undefined],
      ['POST', undefined],
      ['POST', 'PUT'],
      ['POST', 'PATCH'],
      ['POST', 'DELETE'],
    ])
  })

  it('refuses HEAD and OPTIONS, which no page lists for my.request', async () => {
    const my = createFakeAlipay(() => ({ status: 200, body: '{}' }))
    const client = createAlipayClient({ api: my, baseURL, login: undefined })
    await expect(client.request('/x', { method: 'HEAD' })).rejects.toThrow(
      new NetworkError('my.request cannot send HEAD'),
    )
    await expect(client.request('/x', { method: 'OPTIONS' })).rejects.toBeInstanceOf(NetworkError)
    expect(my.calls).toHaveLength(0)
  })

  it('gets an auth code as a promise (auth_base unless told), for a custom login', async () => {
    const my = createFakeAlipay(loginServer)
    await expect(getAlipayAuthCode({ api: my })).resolves.toBe('my-code-1')
    await expect(getAlipayAuthCode({ api: my, scopes: 'auth_user' })).resolves.toBe('my-code-2')
    expect(my.authScopes).toEqual(['auth_base', 'auth_user'])
  })

  it('reports a refused storage write as StorageError', async () => {
    const my = createFakeAlipay(loginServer, 10)
    await expect(createAlipayClient({ api: my, baseURL }).login()).rejects.toBeInstanceOf(
      StorageError,
    )
  })

  it('uses the global my, and fails at creation without it', async () => {
    expect(() => createAlipayTransport()).toThrow(OptionsError)
    expect(() => createAlipayLogin()).toThrow('Option "api" must be the my object')
    const my = createFakeAlipay(loginServer)
    ;(globalThis as { my?: unknown }).my = my
    await createAlipayClient({ baseURL }).login()
    expect(my.calls).toHaveLength(1)
  })
})
