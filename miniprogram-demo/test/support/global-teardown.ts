/** Stops the server of `global-setup.ts`. */
export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as { __miniprogramDemoServer?: { close(): Promise<void> } })
    .__miniprogramDemoServer
  await started?.close()
}
