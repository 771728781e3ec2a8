import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fetchKit, wxKit } from '../src/clients'
import { describeColdStart } from '../src/journeys/cold-start'
import { describeSdkJourney, type JourneyTarget } from '../src/journeys/sdk-journey'
import { launchServer, SERVER_DEV_START, type ServerProcess } from '../src/servers'

/**
 * The server as it is deployed: `TEST_SERVER_URL` (Docker's `server` service: the image's
 * own migrate-and-start command, on Redis and PostgreSQL), else the built server started as
 * `npm start` starts it (its entry point, no `NODE_ENV`, defaults only, its sqlite file in a
 * temp dir).
 */
const external = process.env.TEST_SERVER_URL?.replace(/\/+$/, '')

describe(
  external ? `the deployed server at ${external}` : 'the server with its default configuration',
  () => {
    let server: ServerProcess | undefined
    let dir: string | undefined
    let target: JourneyTarget
    beforeAll(async () => {
      if (external) {
        target = { baseURL: external, standInUrl: `${external}/__dev/wechat`, servers: [] }
        return
      }
      dir = mkdtempSync(join(tmpdir(), 'hs-e2e-default-'))
      server = await launchServer(
        { DATABASE_URL: `sqlite:${join(dir, 'sessions.sqlite')}` },
        { entry: SERVER_DEV_START },
      )
      target = { baseURL: server.url, standInUrl: server.standInUrl, servers: [server] }
    })
    afterAll(async () => {
      await server?.stop()
      if (dir) rmSync(dir, { recursive: true, force: true })
    })

    it('answers its health checks', async () => {
      const ready = await fetch(`${target.baseURL}/readyz`)
      expect(ready.status).toBe(200)
      expect(await ready.json()).toMatchObject({ ok: true })
    })
    describeSdkJourney(wxKit, () => target)
    describeSdkJourney(fetchKit, () => target)
    describeColdStart(() => target)
  },
)
