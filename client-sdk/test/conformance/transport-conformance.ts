import { createAbortController } from '../../src/core/abort'
import { createClient } from '../../src/core/client'
import { createMemoryStorage } from '../../src/core/memory-storage'
import type { Transport } from '../../src/core/types'
import {
  AbortError,
  HttpError,
  NetworkError,
  ProtocolError,
  SessionExpiredError,
  TimeoutError,
} from '../../src/errors/index'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  jsonReply,
  type FakeServer,
  type HeaderReporting,
  type ServerRequest,
} from '../support/fake-server'
import { startScriptedHttpServer, type ScriptedHttpServer } from '../support/scripted-http-server'

/** The API's base URL when the transport's peer is a fake (no socket is opened). */
const FAKE_BASE_URL = 'https://api.example.com'
const T1 = 'a'.repeat(43)
const T2 = 'b'.repeat(43)

/** One adapter under test: how to build its transport over its platform. */
export interface ConformanceTarget {
  readonly name: string
  /**
   * `http`: the platform is a runtime doing real HTTP, and the suite serves the script from a
   * server on 127.0.0.1; `fake`: the platform answers from the script itself.
   */
  readonly peer: 'http' | 'fake'
  /**
   * A transport over the platform, answering with `server`'s script (through the real server
   * for `http` peers); `aborted()` counts aborted tasks.
   */
  create(
    server: FakeServer,
    reporting: HeaderReporting,
  ): { transport: Transport; aborted(): number }
  /** Whether upload/download answers reach the client's header inspection. */
  readonly uploadHeaders: boolean
  readonly downloadHeaders: boolean
  /** Where a download ends up: a platform file path, or the body. */
  readonly download: 'filePath' | 'data'
}

/** Server that records requests and answers with `reply`. */
function recording(reply: FakeServer) {
  const seen: ServerRequest[] = []
  const server: FakeServer = (request) => {
    seen.push(request)
    return reply(request)
  }
  return { seen, server }
}

/** The transport contract, run against one adapter through a real client. */
export function describeTransportConformance(target: ConformanceTarget): void {
  describe(`transport conformance: ${target.name}`, () => {
    let http: ScriptedHttpServer | undefined
    let dir: string
    let photo: string
    beforeAll(async () => {
      if (target.peer === 'http') http = await startScriptedHttpServer()
      dir = mkdtempSync(join(tmpdir(), 'hs-conformance-'))
      photo = join(dir, 'a.png')
      writeFileSync(photo, 'png')
    })
    afterAll(async () => {
      await http?.close()
      rmSync(dir, { recursive: true, force: true })
    })
    const baseURL = (): string => http?.base ?? FAKE_BASE_URL
    const setup = (server: FakeServer, reporting: HeaderReporting = {}) => {
      if (http) http.script = server
      const platform = target.create(server, reporting)
      const client = createClient({
        baseURL: baseURL(),
        transport: platform.transport,
        storage: createMemoryStorage(),
      })
      return { client, aborted: platform.aborted }
    }

    describe.each([
      ['with the server casing', {}],
      ['with lowercase names (HTTP/2)', { lowercase: true }],
    ])('headers %s', (_label, reporting: HeaderReporting) => {
      it('sends method, URL, headers and body, and reads status and JSON', async () => {
        const { seen, server } = recording(() =>
          jsonReply(201, { made: true }, [['X-Header-Session', T1]]),
        )
        const { client } = setup(server, reporting)
        const first = await client.post(
          '/api/items',
          { a: 1 },
          { query: { x: '1' }, headers: { 'X-App': 'demo' } },
        )
        await client.put('/api/items/1', { b: 2 })
        expect(first).toMatchObject({ status: 201, ok: true, data: { made: true } })
        expect(seen[0]).toMatchObject({
          method: 'POST',
          url: `${baseURL()}/api/items?x=1`,
          body: '{"a":1}',
        })
        expect(seen[0]?.headers).toMatchObject({
          'X-App': 'demo',
          'Content-Type': 'application/json',
        })
        // PUT as it is, or, where the platform's request lacks it, as a POST standing for it.
        const put = seen[1]
        expect(put?.headers['X-HTTP-Method-Override'] ?? put?.method).toBe('PUT')
        expect(put?.method).toMatch(/^(PUT|POST)$/)
        expect(put?.headers).toMatchObject({ 'X-Header-Session': T1 })
      })

      it('answers every status as a response: a 401 is not a network failure', async () => {
        const { server } = recording((r) =>
          r.url.endsWith('/me')
            ? jsonReply(401, { error: { code: 'SESSION_REQUIRED', message: 'log in' } })
            : jsonReply(500, { error: { code: 'BOOM' } }),
        )
        const { client } = setup(server, reporting)
        await expect(client.get('/api/me')).rejects.toBeInstanceOf(SessionExpiredError)
        const error = await client.get('/api/boom').catch((e: unknown) => e)
        expect(error).toBeInstanceOf(HttpError)
        expect(error).toMatchObject({ status: 500, data: { error: { code: 'BOOM' } } })
      })

      it('finds the session header whatever the reported casing, and clears on an empty one', async () => {
        const { seen, server } = recording((r) =>
          jsonReply(
            200,
            {},
            r.url.endsWith('/logout') ? [['X-Header-Session', '']] : [['x-header-SESSION', T1]],
          ),
        )
        const { client } = setup(server, reporting)
        await client.get('/api/a')
        await client.get('/api/b')
        expect(seen[1]?.headers['X-Header-Session']).toBe(T1)
        await client.get('/api/logout')
        expect(client.getToken()).toBeNull()
      })

      it('rejects a duplicated session header, joined by the platform', async () => {
        const { server } = recording(() =>
          jsonReply(200, {}, [
            ['X-Header-Session', T1],
            ['X-Header-Session', T2],
          ]),
        )
        const { client } = setup(server, reporting)
        await expect(client.get('/api/dup')).rejects.toBeInstanceOf(ProtocolError)
        expect(client.getToken()).toBeNull()
      })

      it('reads a binary body as an ArrayBuffer', async () => {
        const { client } = setup(() => ({ status: 200, body: 'bytes' }), reporting)
        const response = await client.get<ArrayBuffer>('/bin', { responseType: 'arraybuffer' })
        expect(Buffer.from(response.data).toString()).toBe('bytes')
      })
    })

    it('fails with NetworkError when no answer comes', async () => {
      const { client } = setup(() => ({ fail: 'network' }))
      const error = await client.get('/x').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(NetworkError)
      expect((error as NetworkError).cause).toBeDefined()
    })

    it('maps the platform timeout to TimeoutError', async () => {
      const { client } = setup(() => ({ fail: 'timeout' }))
      const error = await client.get('/x').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TimeoutError)
      // The platform's limit ended it, maybe sooner than the SDK's: the message says whose.
      expect((error as TimeoutError).message).toMatch(
        /^The platform timed out \(.+\) within the SDK's 60000 ms limit$/,
      )
    })

    it('aborts the platform task on abort and on the SDK timeout', async () => {
      const { client, aborted } = setup(() => ({ hang: true }))
      const ctl = createAbortController()
      const call = client.get('/x', { signal: ctl.signal })
      setTimeout(() => ctl.abort(), 5)
      await expect(call).rejects.toBeInstanceOf(AbortError)
      await expect(client.get('/y', { timeoutMs: 10 })).rejects.toBeInstanceOf(TimeoutError)
      await new Promise((resolve) => setTimeout(resolve, 5))
      expect(aborted()).toBe(2)
    })

    it(`uploads a file and ${target.uploadHeaders ? 'applies' : 'survives'} a rotated token`, async () => {
      const { seen, server } = recording((r) =>
        jsonReply(
          200,
          { stored: r.fileField },
          r.url.endsWith('/login') ? [['X-Header-Session', T1]] : [['X-Header-Session', T2]],
        ),
      )
      const { client } = setup(server)
      await client.post('/login')
      const file = new Blob(['png'])
      const response = await client.upload('/api/upload', {
        name: 'avatar',
        filePath: photo,
        file,
        formData: { k: 'v' },
      })
      expect(response).toMatchObject({ status: 200, data: { stored: 'avatar' } })
      expect(seen[1]).toMatchObject({
        kind: 'upload',
        method: 'POST',
        formData: { k: 'v' },
        headers: { 'X-Header-Session': T1 },
      })
      expect(client.getToken()).toBe(target.uploadHeaders ? T2 : T1)
    })

    it(`downloads a file and ${target.downloadHeaders ? 'applies' : 'survives'} a rotated token`, async () => {
      const { seen, server } = recording((r) =>
        r.url.endsWith('/login')
          ? jsonReply(200, {}, [['X-Header-Session', T1]])
          : { status: 200, headers: [['X-Header-Session', T2]], body: 'file-bytes' },
      )
      const { client } = setup(server)
      await client.post('/login')
      const response = await client.download('/files/report.pdf')
      expect(seen[1]).toMatchObject({ method: 'GET', headers: { 'X-Header-Session': T1 } })
      if (target.download === 'filePath') expect(response.filePath).toEqual(expect.any(String))
      else expect(Buffer.from(response.data as ArrayBuffer).toString()).toBe('file-bytes')
      expect(client.getToken()).toBe(target.downloadHeaders ? T2 : T1)
    })
  })
}
