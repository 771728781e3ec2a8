import { removeSdkSnapshot } from '../src/sdk-build'

/** Once per run, after every test file: delete this run's copy of the SDK build. */
export default async function globalTeardown(): Promise<void> {
  await removeSdkSnapshot()
}
