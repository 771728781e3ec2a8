import { createLogger } from '../src/logger'
import { captureLines } from './support/captured-lines'
import { TokenClient } from '../../session/test/support/http'
import { devCode, openRouteHarness, type RouteHarness } from './support/route-app'

const OLD_SECRET = 'old-secret-0123456789abcdef'
const NEW_SECRET = 'new-secret-0123456789abcdef'

describe('the logs of a request that fails while its token rotates', () => {
  const log = captureLines()
  const logger = createLogger('debug', { destination: log.stream })
  let harness: RouteHarness

  beforeAll(async () => {
    harness = await openRouteHarness('sqlite', { logger, session: { secrets: [OLD_SECRET] } })
  })
  afterAll(async () => harness?.close())

  it('hold no token, id or secret, though the failing answer carries the new token', async () => {
    const client = await harness.loggedIn('o-log-secrets')
    const oldToken = client.token as string
    const id = oldToken.split('.')[0] as string
    // A new first secret: the next answer re-signs the token (`rotated`). The route then fails.
    const rotating = await harness.variant({
      logger,
      session: { secrets: [NEW_SECRET, OLD_SECRET] },
    })
    await harness.knex.schema.dropTable('notes')
    const res = await Object.assign(new TokenClient(rotating.url), { token: oldToken }).send(
      'GET',
      '/api/notes',
    )
    expect(res.status).toBe(500)
    expect(res.sessionStatus).toBe('rotated')
    const newToken = res.token as string
    expect(newToken.startsWith(`${id}.`)).toBe(true)
    expect(newToken).not.toBe(oldToken)
    // A login code, too, is a secret until used.
    const code = await devCode(harness.url)
    await new TokenClient(harness.url).send('POST', '/api/auth/login', { code })
    await new Promise((resolve) => setImmediate(resolve))

    const failure = log.lines.find((line) => line.includes('unexpected error'))
    expect(failure).toBeDefined()
    expect(failure).toMatch(/no such table/)
    for (const line of log.lines) {
      for (const secret of [oldToken, newToken, id, OLD_SECRET, NEW_SECRET, code]) {
        expect(line).not.toContain(secret)
      }
      expect(line).not.toMatch(/"session_?key":"(?!\[redacted\])/i)
    }
  })

  it('hold no id when a store error quotes its statement (as MySQL does)', async () => {
    const client = await harness.loggedIn('o-log-store-error')
    const id = (client.token as string).split('.')[0] as string
    const quoting = Object.create(harness.store) as typeof harness.store
    quoting.get = (key) =>
      Promise.reject(new Error(`select * from header_sessions where id = '${key}' - lock wait`))
    const failing = await harness.variant({ logger, store: quoting })
    const res = await Object.assign(new TokenClient(failing.url), { token: client.token }).send(
      'GET',
      '/api/me',
    )
    expect(res.status).toBe(503)
    await new Promise((resolve) => setTimeout(resolve, 20))
    const warning = log.lines.find((line) => line.includes('lock wait'))
    expect(warning).toBeDefined()
    expect(warning).toContain(`'${id.slice(0, 6)}…'`)
    for (const line of log.lines) expect(line).not.toContain(id)
  })
})
