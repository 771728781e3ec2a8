import { execFile } from 'node:child_process'
import { cp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { REPO_ROOT } from './servers'

/** Where this run's copy of the SDK build lives (set by e2e/jest.config.js). */
export function sdkSnapshotDir(): string {
  const dir = process.env.HS_E2E_SDK_DIR
  if (!dir) throw new Error('HS_E2E_SDK_DIR is not set: run the e2e tests through Jest')
  return dir
}

/** The SDK's ESM build in this run's copy, which the H5 page loads from `/sdk/`. */
export const sdkEsmDir = (): string => join(sdkSnapshotDir(), 'dist', 'esm')

/**
 * Build the client SDK (CommonJS + ESM, its own build script) and copy the result for this
 * run: the suite then uses one build from start to end, whatever rebuilds client-sdk/dist.
 */
export async function snapshotSdkBuild(): Promise<void> {
  const root = join(REPO_ROOT, 'client-sdk')
  try {
    await promisify(execFile)(process.execPath, [join(root, 'scripts', 'build.js')], { cwd: root })
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`the client SDK does not build:\n${stdout}${stderr}`)
  }
  const dir = sdkSnapshotDir()
  await rm(dir, { recursive: true, force: true })
  await cp(join(root, 'dist'), join(dir, 'dist'), { recursive: true })
  await cp(join(root, 'package.json'), join(dir, 'package.json'))
}

/** Delete this run's copy. */
export async function removeSdkSnapshot(): Promise<void> {
  await rm(sdkSnapshotDir(), { recursive: true, force: true })
}
