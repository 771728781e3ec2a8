import { createMiniRuntime } from '@header-session/testing'
import { createAlipayClient, type AlipayApi, type AlipayCallOptions } from '../../src/alipay/index'
import type { Client } from '../../src/core/client-types'
import type { MiniRequestOptions } from '../../src/mini/mini-api'
import { createTtClient } from '../../src/tt/index'
import { createWxClient } from '../../src/wx/index'
import { startRealServer, type RealServer } from './real-server'

/** A client of one platform over its runtime, and the methods its requests went out with. */
interface PlatformClient {
  readonly client: Client
  /** `PUT`, or `POST as PATCH` for a POST carrying `X-HTTP-Method-Override: PATCH`. */
  readonly sent: string[]
}

/** Records the method a call goes out with, and the one it stands for. */
function recorder() {
  const sent: string[] = []
  const record = (method = 'GET', header: Readonly<Record<string, string>> = {}): void => {
    const override = header['X-HTTP-Method-Override']
    sent.push(override === undefined ? method : `${method} as ${override}`)
  }
  return { sent, record }
}

function wxClient(server: RealServer, openid: string): PlatformClient {
  const wx = createMiniRuntime({ login: () => server.standIn.issueCode({ openid }) })
  const { sent, record } = recorder()
  const request = (o: MiniRequestOptions) => {
    record(o.method, o.header)
    return wx.request(o)
  }
  return {
    client: createWxClient({ api: { ...wx, request }, baseURL: server.url, auth: true }),
    sent,
  }
}

function ttClient(server: RealServer, openid: string): PlatformClient {
  const tt = createMiniRuntime({
    platform: 'tt',
    login: () => server.standIn.issueCode({ openid }),
  })
  const { sent, record } = recorder()
  const request = (o: MiniRequestOptions) => {
    record(o.method, o.header)
    return tt.request(o)
  }
  return {
    client: createTtClient({ api: { ...tt, request }, baseURL: server.url, auth: true }),
    sent,
  }
}

function alipayClient(server: RealServer, openid: string): PlatformClient {
  const my = createMiniRuntime({
    platform: 'alipay',
    login: () => server.standIn.issueCode({ openid }),
  })
  const { sent, record } = recorder()
  const request = (o: AlipayCallOptions) => {
    record(o.method, o.headers)
    return my.request(o as Parameters<typeof my.request>[0])
  }
  // The SDK's AlipayApi types every call with one loose shape; the runtime types each call as
  // Alipay's pages do.
  const api = { ...my, request } as unknown as AlipayApi
  return { client: createAlipayClient({ api, baseURL: server.url, auth: true }), sent }
}

const platforms: Array<[string, typeof wxClient, string[]]> = [
  // wx.request takes PUT and DELETE, not PATCH.
  ['wx', wxClient, ['POST as PATCH', 'PUT', 'DELETE']],
  // tt.request takes PUT under every reading, DELETE and PATCH under some only.
  ['tt', ttClient, ['POST as PATCH', 'PUT', 'POST as DELETE']],
  // my.request takes GET and POST only, under every reading of Alipay's pages.
  ['alipay', alipayClient, ['POST as PATCH', 'POST as PUT', 'POST as DELETE']],
]

describe.each(platforms)(
  '%s client against the reference app, over real HTTP',
  (platform, makeClient, edits) => {
    let server: RealServer
    beforeAll(async () => {
      server = await startRealServer()
    })
    afterAll(() => server.close())

    it('patches a note, puts and deletes cart items through the methods the platform takes', async () => {
      const { client, sent } = makeClient(server, `o-sdk-methods-${platform}`)
      const created = await client.post<{ note: { id: number } }>('/api/notes', { text: 'milk' })
      await client.patch(`/api/notes/${created.data.note.id}`, { text: 'oat milk' })
      const notes = await client.get<{ notes: Array<{ text: string }> }>('/api/notes')
      expect(notes.data.notes.map((n) => n.text)).toEqual(['oat milk'])

      const put = await client.put('/api/cart/items/A1', { qty: 2 })
      expect(put.data).toEqual({ sku: 'A1', qty: 2 })
      await client.put('/api/cart/items/B2', { qty: 1 })
      expect((await client.delete('/api/cart/items/B2')).status).toBe(204)
      expect((await client.get('/api/cart')).data).toEqual({ items: { A1: 2 } })

      const sentEdits = sent.filter((method) => method !== 'GET' && method !== 'POST')
      expect([...new Set(sentEdits)]).toEqual(edits)
    })
  },
)
