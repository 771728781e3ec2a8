import type { SessionRecord } from '@header-session/koa'
import { createLogger } from '../src/logger'
import { captureLines } from './support/captured-lines'
import { sessionKeyOf } from '../src/wechat/session-key'
import { TokenClient } from '../../session/test/support/http'
import { devCode, openRouteHarness, type RouteHarness } from './support/route-app'

const ENCRYPTION_KEY = 'the-app-encryption-key-of-32-chars!!'

describe.each([
  ['sqlite', [ENCRYPTION_KEY]],
  ['redis', [ENCRYPTION_KEY]],
  ['sqlite', []],
] as const)("WeChat's session_key at login (sessions in %s, %j keys)", (kind, keys) => {
  const log = captureLines()
  let harness: RouteHarness
  beforeAll(async () => {
    harness = await openRouteHarness(kind, {
      logger: createLogger('debug', { destination: log.stream }),
      session: { encryptionKeys: keys },
      // A route of the test only: it hands out what no route of the app ever does.
      routes: (router) =>
        router.get('/test-only/session-key', (ctx) => {
          ctx.body = { sessionKey: sessionKeyOf(ctx) ?? null }
        }),
    })
  })
  afterAll(async () => harness?.close())

  const keyOf = async (client: TokenClient) =>
    ((await client.send('GET', '/api/test-only/session-key')).body as { sessionKey: string | null })
      .sessionKey

  it('is kept with the session on the server only, replaced at each login, gone at logout', async () => {
    const client = await harness.loggedIn('o-session-key')
    const first = await keyOf(client)
    expect(first).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    const answers = [
      await client.send('GET', '/api/me'),
      await client.send('POST', '/api/counter'),
      await client.send('GET', '/api/sessions'),
    ]
    for (const answer of answers) expect(JSON.stringify(answer.body)).not.toContain(first)

    const stored = JSON.stringify(
      (await harness.store.get(client.token as string, 60_000)) as SessionRecord,
    )
    if (keys.length > 0) expect(stored).not.toContain(first)
    else expect(stored).toContain(`plain.${first}`)

    // A new login in the same session: the key is the new one's.
    const code = await devCode(harness.url, { openid: 'o-session-key' })
    expect((await client.send('POST', '/api/auth/login', { code })).status).toBe(200)
    const second = await keyOf(client)
    expect(second).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    expect(second).not.toBe(first)

    await client.send('POST', '/api/auth/logout')
    expect(await keyOf(new TokenClient(harness.url))).toBeNull()
    await new Promise((resolve) => setImmediate(resolve))
    for (const line of log.lines) {
      expect(line).not.toContain(first)
      expect(line).not.toContain(second)
    }
  })
})
