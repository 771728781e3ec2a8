import { existsSync } from 'node:fs'
import serviceSetup from '../../server/session/test/support/global-setup'
import { CHROMIUM_PATH } from '../src/chromium'
import { snapshotSdkBuild } from '../src/sdk-build'
import { assertServerBuilt } from '../src/servers'

/**
 * Once per run, before any test file: the built server must exist; the SDK is built and copied
 * for this run; the CI services are probed (a missing one fails under `CI=true`, else its
 * cells are skipped loudly); Chromium must exist under `CI=true`.
 */
export default async function globalSetup(): Promise<void> {
  assertServerBuilt()
  await snapshotSdkBuild()
  await serviceSetup()
  if (!existsSync(CHROMIUM_PATH)) {
    if (process.env.CI === 'true') {
      throw new Error(
        `CI=true and there is no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`,
      )
    }
    process.env.HS_MISSING_CHROMIUM = '1'
    console.warn(
      `\n!!! SKIPPING the browser tests: no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH; they never skip under CI=true) !!!\n`,
    )
  }
}
