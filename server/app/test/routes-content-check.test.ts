import knexFactory from 'knex'
import { createApp } from '../src/app'
import { createMemoryStore } from '@header-session/koa'
import { upsertUser } from '../src/models'
import { DEFAULT_CONTENT_CHECK_OPTIONS } from '../src/wechat/app-wechat'
import { TokenClient } from '../../session/test/support/http'
import { captureLogs } from './support/log-capture'
import { describeRoutes, type RouteHarness } from './support/route-app'

const log = captureLogs()
const settled = () => new Promise((resolve) => setImmediate(resolve))

/** The texts of the client's notes. */
async function texts(client: TokenClient): Promise<string[]> {
  const notes = (await client.send('GET', '/api/notes')).body?.notes as { text: string }[]
  return notes.map((note) => note.text)
}

/** `client`'s session on another app of the harness. */
const on = (url: string, client: TokenClient) =>
  Object.assign(new TokenClient(url), { token: client.token })

describeRoutes(
  'the notes’ content check',
  (harness: () => RouteHarness) => {
    it('refuses a risky text with 422 CONTENT_REJECTED and stores nothing', async () => {
      const client = await harness().loggedIn('o-check-risky')
      const before = harness().standIn.stats().msg_sec_check
      const res = await client.send('POST', '/api/notes', { text: 'a stand-in-risky note' })
      expect(res.status).toBe(422)
      expect(res.body).toEqual({
        error: {
          code: 'CONTENT_REJECTED',
          message: expect.stringMatching(/content check/),
          field: 'text',
          label: 20006,
        },
      })
      expect(harness().standIn.stats().msg_sec_check - before).toBe(1)
      expect(await texts(client)).toEqual([])
      // An edit too: the note keeps its text.
      const note = (await client.send('POST', '/api/notes', { text: 'harmless' })).body?.note as {
        id: number
      }
      const edit = await client.send('PATCH', `/api/notes/${note.id}`, { text: 'stand-in-risky' })
      expect(edit.status).toBe(422)
      expect(await texts(client)).toEqual(['harmless'])
      await settled()
      expect(log.find('content rejected')).toContainEqual(
        expect.objectContaining({ label: 20006, traceId: expect.any(String) }),
      )
      for (const line of log.lines) expect(line).not.toContain('stand-in-risky')
    })

    it('stores a text WeChat wants reviewed, and logs it for a person to look at', async () => {
      const client = await harness().loggedIn('o-check-review')
      const res = await client.send('POST', '/api/notes', { text: 'stand-in-review me' })
      expect(res.status).toBe(201)
      expect(await texts(client)).toEqual(['stand-in-review me'])
      await settled()
      expect(log.find('content stored for review')).toContainEqual(
        expect.objectContaining({ label: 21000, traceId: expect.any(String) }),
      )
    })

    it('refuses with 503 CONTENT_CHECK_UNAVAILABLE and Retry-After while WeChat is busy', async () => {
      const client = await harness().loggedIn('o-check-busy')
      const note = (await client.send('POST', '/api/notes', { text: 'kept' })).body?.note as {
        id: number
      }
      harness().standIn.setBusy('msg_sec_check', true)
      try {
        const res = await client.send('POST', '/api/notes', { text: 'while busy' })
        expect(res.status).toBe(503)
        expect(res.headers.get('retry-after')).toBe('1')
        expect(res.body).toEqual({
          error: { code: 'CONTENT_CHECK_UNAVAILABLE', message: expect.stringMatching(/stored/) },
        })
        const edit = await client.send('PATCH', `/api/notes/${note.id}`, { text: 'while busy' })
        expect(edit.status).toBe(503)
      } finally {
        harness().standIn.setBusy('msg_sec_check', false)
      }
      expect(await texts(client)).toEqual(['kept'])
      await settled()
      expect(log.find('content check unavailable')).toContainEqual(
        expect.objectContaining({ level: 40, api: 'msg_sec_check', code: 'WECHAT_BUSY' }),
      )
    })

    it('refuses with Retry-After 30 when WeChat does not answer', async () => {
      const client = await harness().loggedIn('o-check-down')
      const { appId, secret } = harness().standIn
      const down = await harness().variant({
        wechat: { appId, secret, apiBase: 'http://127.0.0.1:9', timeoutMs: 500 },
      })
      const res = await on(down.url, client).send('POST', '/api/notes', { text: 'nobody checks' })
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('30')
      expect(res.body).toMatchObject({ error: { code: 'CONTENT_CHECK_UNAVAILABLE' } })
      expect(await texts(client)).toEqual([])
    })

    it("stores unchecked text while WeChat is busy with whenUnavailable: 'store'", async () => {
      const client = await harness().loggedIn('o-check-store')
      const storing = await harness().variant({
        logger: log.logger,
        contentCheck: { whenUnavailable: 'store' },
      })
      harness().standIn.setBusy('msg_sec_check', true)
      try {
        const res = await on(storing.url, client).send('POST', '/api/notes', { text: 'unchecked' })
        expect(res.status).toBe(201)
      } finally {
        harness().standIn.setBusy('msg_sec_check', false)
      }
      // A risky text is refused all the same once WeChat answers.
      const risky = await on(storing.url, client).send('POST', '/api/notes', {
        text: 'stand-in-risky',
      })
      expect(risky.status).toBe(422)
      expect(await texts(client)).toEqual(['unchecked'])
      await settled()
      expect(log.find('content check unavailable; stored unchecked')).toContainEqual(
        expect.objectContaining({ level: 40, code: 'WECHAT_BUSY', errcode: -1 }),
      )
    })

    it('answers a user WeChat does not know as WECHAT_OPENID_INVALID, storing nothing', async () => {
      // A session whose user never logged in at this stand-in (its memory was lost since).
      const client = new TokenClient(harness().url)
      await client.send('POST', '/api/test-only/login-as', { openid: 'o-check-forgotten' })
      const storing = await harness().variant({ contentCheck: { whenUnavailable: 'store' } })
      const res = await on(storing.url, client).send('POST', '/api/notes', { text: 'hello' })
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({
        error: { code: 'WECHAT_OPENID_INVALID', wechatErrcode: 40003 },
      })
      expect(await texts(client)).toEqual([])
    })
  },
  {
    logger: log.logger,
    // A route of the test only: a login without WeChat.
    routes: (router, deps) =>
      router.post('/test-only/login-as', async (ctx) => {
        const { openid } = ctx.request.body as { openid: string }
        const user = await upsertUser(deps.models.User, { openid, unionid: null }, Date.now())
        ctx.session.regenerate()
        ctx.session.setUser(user.id)
        ctx.status = 204
      }),
  },
)

describe('createApp contentCheck', () => {
  it('refuses to store unchecked text by default', () => {
    expect(DEFAULT_CONTENT_CHECK_OPTIONS).toEqual({ whenUnavailable: 'refuse' })
    expect(Object.isFrozen(DEFAULT_CONTENT_CHECK_OPTIONS)).toBe(true)
  })

  it('refuses a whenUnavailable that is not refuse or store, naming it', async () => {
    const knex = knexFactory({ client: 'sqlite3', connection: ':memory:', useNullAsDefault: true })
    try {
      expect(() =>
        createApp({
          store: createMemoryStore(),
          knex,
          wechat: { appId: 'wx-app', secret: 'secret' },
          contentCheck: { whenUnavailable: 'ignore' as 'store' },
        }),
      ).toThrow(/contentCheck\.whenUnavailable: expected 'refuse' or 'store', got "ignore"/)
    } finally {
      await knex.destroy()
    }
  })
})
