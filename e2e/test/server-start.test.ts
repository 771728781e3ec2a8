import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchServer, SERVER_DEV_START, SERVER_MAIN } from '../src/servers'

/**
 * The built server's start rules for the dev WeChat stand-in, which logs anyone in as any
 * openid: without WeChat credentials it starts only when development or tests are explicit.
 */
describe('the built server without WeChat credentials', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hs-e2e-start-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const database = () => ({ DATABASE_URL: `sqlite:${join(dir, 'sessions.sqlite')}` })

  it.each([
    ['main.js', SERVER_MAIN, 'Production'],
    ['main.js', SERVER_MAIN, 'staging'],
    ["npm start's entry point", SERVER_DEV_START, 'Production'],
  ])('%s refuses to start with NODE_ENV=%s, naming what to set', async (_name, entry, nodeEnv) => {
    await expect(launchServer({ ...database(), NODE_ENV: nodeEnv }, { entry })).rejects.toThrow(
      /exited before listening:\nInvalid configuration: WECHAT_APPID: required \(with WECHAT_SECRET\) unless NODE_ENV is development or test .*WECHAT_STAND_IN=1/,
    )
  })

  it('starts with the stand-in when WECHAT_STAND_IN=1 asks for it', async () => {
    const server = await launchServer({ ...database(), NODE_ENV: 'staging', WECHAT_STAND_IN: '1' })
    try {
      const res = await fetch(`${server.standInUrl}/codes`, { method: 'POST' })
      expect(res.status).toBe(200)
    } finally {
      await server.stop()
    }
  })
})
