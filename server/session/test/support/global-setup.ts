import net from 'node:net'
import { SERVICES, type ServiceName } from './services'

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port), timeout: 1_000 })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(false))
  })
}

/** Probes every service once for the whole run; see `services.ts`. */
export default async function globalSetup(): Promise<void> {
  const missing: string[] = []
  for (const name of Object.keys(SERVICES) as ServiceName[]) {
    if (!(await reachable(SERVICES[name].url))) missing.push(name)
  }
  if (missing.length === 0) return
  if (process.env.CI === 'true') {
    throw new Error(`CI=true and these services do not answer: ${missing.join(', ')}`)
  }
  for (const name of missing) process.env[`HS_MISSING_${name.toUpperCase()}`] = '1'
  console.warn(
    `\n!!! SKIPPING the tests of ${missing.join(', ')}: not reachable (they never skip under CI=true) !!!\n`,
  )
}
