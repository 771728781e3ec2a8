import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import Koa from 'koa'
import {
  createWechatStandIn,
  DEFAULT_WECHAT_STAND_IN_OPTIONS,
  derivedUnionId,
  type ListeningStandIn,
  type WechatStandIn,
  type WechatStandInOptions,
} from '../src/index'
import { wechatApiClient } from './support/wechat-api-client'

/** A Koa app on a free loopback port. */
interface KoaServer {
  url: string
  close(): Promise<void>
}

async function listenKoa(app: Koa): Promise<KoaServer> {
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

describe('createWechatStandIn mounted on Koa', () => {
  let now = 1_000_000
  let standIn: WechatStandIn
  let server: KoaServer
  beforeAll(async () => {
    standIn = createWechatStandIn({ appId: 'wxtest', secret: 'test-secret', now: () => now })
    const app = new Koa()
    app.use(standIn.koa())
    server = await listenKoa(app)
  })
  afterAll(() => server.close())

  const base = () => `${server.url}/__dev/wechat`
  const call = async (query: Record<string, string>) => {
    const res = await fetch(`${base()}/sns/jscode2session?${new URLSearchParams(query)}`)
    return { type: res.headers.get('content-type'), body: JSON.parse(await res.text()) as unknown }
  }
  const full = (js_code: string) => ({
    appid: 'wxtest',
    secret: 'test-secret',
    js_code,
    grant_type: 'authorization_code',
  })

  it('answers like WeChat: openid and a fresh session_key, as text/plain, once per code', async () => {
    const code = standIn.issueCode({ openid: 'o-user-1' })
    const first = await call(full(code))
    expect(first.type).toMatch(/^text\/plain/)
    expect(first.body).toEqual({ openid: 'o-user-1', session_key: expect.any(String) })
    expect(await call(full(code))).toMatchObject({
      body: { errcode: 40163, errmsg: expect.stringMatching(/^code been used, rid: /) },
    })
    const again = await call(full(standIn.issueCode({ openid: 'o-user-1' })))
    expect((again.body as { session_key: string }).session_key).not.toBe(
      (first.body as { session_key: string }).session_key,
    )
  })

  it('issues codes over HTTP, with a new openid unless one is given', async () => {
    const issue = async (body: unknown) =>
      fetch(`${base()}/codes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const a = (await (await issue({})).json()) as { code: string }
    const b = (await (await issue({})).json()) as { code: string }
    const openidOf = async (code: string) =>
      ((await call(full(code))).body as { openid: string }).openid
    expect(await openidOf(a.code)).not.toBe(await openidOf(b.code))
    const c = (await (await issue({ openid: 'o-chosen' })).json()) as { code: string }
    expect(await openidOf(c.code)).toBe('o-chosen')
    const bad = await issue({ openid: 'has space', delayMs: -1 })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: { fields: { openid: expect.any(String) } } })
  })

  it('refuses an expired code (5 minutes) with 40029', async () => {
    const code = standIn.issueCode()
    now += 300_000
    expect((await call(full(code))).body).toMatchObject({ errcode: 40029 })
    expect((await call(full('never-issued'))).body).toMatchObject({ errcode: 40029 })
  })

  it.each([
    [{ appid: '' }, 41002],
    [{ secret: '' }, 41004],
    [{ js_code: '' }, 41008],
    [{ grant_type: 'client_credential' }, 40002],
    [{ appid: 'wxother' }, 40013],
    [{ secret: 'wrong' }, 40125],
  ])('checks the parameters as WeChat does: %j → %d', async (override, errcode) => {
    const query = { ...full(standIn.issueCode()), ...override }
    expect((await call(query)).body).toMatchObject({ errcode, errmsg: expect.any(String) })
  })

  it('forgets the oldest codes past maxCodes', async () => {
    const small = createWechatStandIn({ maxCodes: 2 })
    const first = small.issueCode()
    small.issueCode()
    small.issueCode()
    const app = new Koa()
    app.use(small.koa())
    const s = await listenKoa(app)
    try {
      const res = await fetch(
        `${s.url}/__dev/wechat/sns/jscode2session?${new URLSearchParams({
          appid: small.appId,
          secret: small.secret,
          js_code: first,
          grant_type: 'authorization_code',
        })}`,
      )
      expect(JSON.parse(await res.text())).toMatchObject({ errcode: 40029 })
    } finally {
      await s.close()
    }
  })
})

describe('the stand-in on a plain Node server', () => {
  const login = (apiBase: string, code: string) =>
    fetch(
      `${apiBase}/sns/jscode2session?${new URLSearchParams({
        appid: DEFAULT_WECHAT_STAND_IN_OPTIONS.appId,
        secret: DEFAULT_WECHAT_STAND_IN_OPTIONS.secret,
        js_code: code,
        grant_type: 'authorization_code',
      })}`,
    ).then(async (res) => JSON.parse(await res.text()) as Record<string, unknown>)

  it('listens on a server of its own, at its base path or at the root', async () => {
    for (const basePath of [undefined, '']) {
      const standIn = createWechatStandIn({ basePath })
      const running = await standIn.listen()
      try {
        expect(running.apiBase).toBe(running.url + (basePath ?? '/__dev/wechat'))
        const issued = await fetch(`${running.apiBase}/codes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ openid: 'o-node' }),
        })
        const { code } = (await issued.json()) as { code: string }
        expect(await login(running.apiBase, code)).toMatchObject({ openid: 'o-node' })
      } finally {
        await running.close()
      }
    }
  })

  it('answers a bad body, a wrong method and an unknown path clearly', async () => {
    const running = await createWechatStandIn().listen()
    try {
      const post = (body: string) =>
        fetch(`${running.apiBase}/codes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
      const broken = await post('{"openid": ')
      expect(broken.status).toBe(400)
      expect(await broken.json()).toMatchObject({ error: { code: 'INVALID_JSON' } })
      const large = await post(JSON.stringify({ openid: 'o', pad: 'x'.repeat(2_000) }))
      expect(large.status).toBe(413)
      expect(await large.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } })
      const wrongMethod = await fetch(`${running.apiBase}/codes`)
      expect(wrongMethod.status).toBe(405)
      expect(wrongMethod.headers.get('allow')).toBe('POST')
      const unknown = await fetch(`${running.url}/elsewhere`)
      expect(unknown.status).toBe(404)
      expect(await unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
    } finally {
      await running.close()
    }
  })

  it('hands the paths it does not answer to next(), as connect-style stacks expect', async () => {
    const standIn = createWechatStandIn()
    const server = createServer((req, res) =>
      standIn.handler(req, res, () => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.end('the app')
      }),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      expect(await (await fetch(`${url}/api/things`)).text()).toBe('the app')
      const code = standIn.issueCode({ openid: 'o-next' })
      expect(await login(`${url}/__dev/wechat`, code)).toMatchObject({ openid: 'o-next' })
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('refuses a base path that is not a path', () => {
    expect(() => createWechatStandIn({ basePath: 'wechat' })).toThrow(/basePath/)
  })
})

describe('the session_key and unionid of jscode2session', () => {
  let now = 1_700_000_000_000
  const running: ListeningStandIn[] = []
  afterAll(() => Promise.all(running.map((server) => server.close())))

  async function clientOf(options: WechatStandInOptions) {
    const standIn = createWechatStandIn({ now: () => now, ...options })
    const server = await standIn.listen()
    running.push(server)
    return { standIn, client: wechatApiClient(standIn, server) }
  }

  it('gives a new session_key at each login by default, the one sessionKeyOf reports', async () => {
    const { standIn, client } = await clientOf({})
    const first = (await client.login('o-rotating')).body
    expect(first.session_key).toBe(standIn.sessionKeyOf('o-rotating'))
    const second = (await client.login('o-rotating')).body
    expect(second.session_key).not.toBe(first.session_key)
    expect(standIn.sessionKeyOf('o-rotating')).toBe(second.session_key)
    expect(Buffer.from(String(second.session_key), 'base64')).toHaveLength(16)
    expect(standIn.sessionKeyOf('o-never')).toBeUndefined()
  })

  it('keeps the session_key across logins with rotateSessionKeyOnLogin: false, until rotated', async () => {
    const { standIn, client } = await clientOf({ rotateSessionKeyOnLogin: false })
    const first = (await client.login('o-kept')).body.session_key
    now += 60_000
    expect((await client.login('o-kept')).body.session_key).toBe(first)
    const rotated = standIn.rotateSessionKey('o-kept')
    expect(rotated).not.toBe(first)
    expect((await client.login('o-kept')).body.session_key).toBe(rotated)
    expect(() => standIn.rotateSessionKey('o-never')).toThrow(/o-never/)
  })

  it('answers a unionid only when configured: derived, or from a function', async () => {
    const none = await clientOf({})
    expect((await none.client.login('o-u')).body).not.toHaveProperty('unionid')
    const derived = await clientOf({ unionIds: true })
    const answer = (await derived.client.login('o-u')).body
    expect(answer).toEqual({
      openid: 'o-u',
      session_key: expect.any(String),
      unionid: derivedUnionId('o-u'),
    })
    expect(derivedUnionId('o-u')).toMatch(/^o[\w-]{27}$/)
    const chosen = await clientOf({
      unionIds: (openid) => (openid === 'o-bound' ? 'u-bound' : null),
    })
    expect((await chosen.client.login('o-bound')).body.unionid).toBe('u-bound')
    expect((await chosen.client.login('o-free')).body).not.toHaveProperty('unionid')
  })

  it('answers -1 while jscode2session is busy, and counts every call', async () => {
    const { standIn, client } = await clientOf({})
    standIn.setBusy('jscode2session', true)
    expect((await client.login('o-busy')).body).toMatchObject({ errcode: -1 })
    standIn.setBusy('jscode2session', false)
    expect((await client.login('o-busy')).body).toMatchObject({ openid: 'o-busy' })
    expect(standIn.stats().jscode2session).toBe(2)
  })

  it('refuses bad options by name', () => {
    expect(() => createWechatStandIn({ unionIds: 'yes' as unknown as boolean })).toThrow(/unionIds/)
    expect(() => createWechatStandIn({ riskyWords: [''] })).toThrow(/riskyWords/)
    expect(() => createWechatStandIn({ maxUsers: 0 })).toThrow(/maxUsers/)
  })
})
