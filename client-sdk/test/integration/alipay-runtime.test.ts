import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createMiniRuntime } from '@header-session/testing'
import { createAlipayClient, type AlipayApi } from '../../src/alipay/index'
import type { StorageError } from '../../src/errors/storage-error'
import { createWxClient } from '../../src/wx/index'
import { startRealServer, type RealServer } from './real-server'

/** A server answering three bytes that are not UTF-8 text. */
async function startBinaryServer() {
  const server = http.createServer((_req, res) => res.end(Buffer.from([0, 1, 255])))
  server.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Alipay's `my` as the SDK's adapter takes it (its one loose option shape per call). */
const asApi = (my: unknown) => my as AlipayApi

describe('the SDK on the platform runtimes, where their fidelity matters', () => {
  let server: RealServer
  beforeAll(async () => {
    server = await startRealServer()
  })
  afterAll(() => server.close())
  const code = () => server.standIn.issueCode({ openid: 'o-sdk-full-storage' })

  it('reports a token it could not store on wx (setStorageSync throws)', async () => {
    const wx = createMiniRuntime({ login: code, storage: { maxTotalBytes: 60 } })
    const errors: StorageError[] = []
    const client = createWxClient({
      api: wx,
      baseURL: server.url,
      hooks: { onStorageError: (error) => void errors.push(error) },
    })
    await client.post('/api/counter')
    expect(client.hasSession).toBe(true)
    expect(errors).toEqual([expect.objectContaining({ name: 'StorageError' })])
  })

  // Alipay's setStorageSync reports a refused write in its result, and on iOS and in the IDE
  // without `success: false` ({ error: 12, errorMessage: '存储总大小达到上限' }, the
  // my.setStorageSync page): the SDK must read the `error` code too.
  it('reports a token it could not store on Alipay (a result without success)', async () => {
    const my = createMiniRuntime({
      platform: 'alipay',
      login: code,
      storage: { maxTotalBytes: 60 },
    })
    const errors: StorageError[] = []
    const client = createAlipayClient({
      api: asApi(my),
      baseURL: server.url,
      hooks: { onStorageError: (error) => void errors.push(error) },
    })
    await client.post('/api/counter')
    expect(client.hasSession).toBe(true)
    expect(errors).toHaveLength(1)
  })

  // my.request has no `responseType`; its `dataType: 'arraybuffer'` (client 10.1.70) gives the
  // bytes (my.request.md): with `text`, bytes that are not UTF-8 would be lost.
  it('reads a binary body as its bytes on Alipay', async () => {
    const binary = await startBinaryServer()
    try {
      const my = createMiniRuntime({ platform: 'alipay' })
      const client = createAlipayClient({ api: asApi(my), baseURL: binary.url, login: undefined })
      const response = await client.get<ArrayBuffer>('/bin', { responseType: 'arraybuffer' })
      expect([...new Uint8Array(response.data)]).toEqual([0, 1, 255])
    } finally {
      await binary.close()
    }
  })

  it('reads a binary body as its bytes on wx', async () => {
    const binary = await startBinaryServer()
    try {
      const client = createWxClient({
        api: createMiniRuntime(),
        baseURL: binary.url,
        login: undefined,
      })
      const response = await client.get<ArrayBuffer>('/bin', { responseType: 'arraybuffer' })
      expect([...new Uint8Array(response.data)]).toEqual([0, 1, 255])
    } finally {
      await binary.close()
    }
  })
})
