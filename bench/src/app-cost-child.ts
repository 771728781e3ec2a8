import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { checkInProcess, loadInProcess, seedInProcess } from './in-process'
import { SCENARIOS } from './scenarios'
import { serverById } from './servers'

/** What a child prints (one JSON line): CPU µs per request of each round, by scenario. */
export interface ChildReport {
  server: string
  cpuUsPerRequest: Record<string, number[]>
}

/**
 * One server of the line-up alone in its process, driven in process (`in-process.ts`):
 * `node dist/app-cost-child.js --server app-redis --scenarios anon-read,read --requests 20000`.
 * For each round, each scenario in turn gets `--warmup` requests, then `--requests` measured;
 * the report goes to stdout as one JSON line. Run by `app-cost.js`.
 *
 * With `--handshake`, each measurement is framed for a parent that counts instructions from
 * outside (callgrind): the child prints `measure <scenario> <requests>` and waits for a line on
 * stdin, measures, prints `measured` and waits again.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      scenarios: { type: 'string', default: 'anon-read,read' },
      requests: { type: 'string', default: '20000' },
      warmup: { type: 'string', default: '10000' },
      rounds: { type: 'string', default: '3' },
      'in-flight': { type: 'string', default: '50' },
      handshake: { type: 'boolean', default: false },
    },
  })
  const definition = serverById(values.server ?? '')
  const scenarios = values.scenarios.split(',').map((id) => {
    const scenario = SCENARIOS.find((s) => s.id === id)
    if (!scenario) throw new Error(`unknown scenario ${id}`)
    return scenario
  })
  const requests = Number(values.requests)
  const warmup = Number(values.warmup)
  const inFlight = Number(values['in-flight'])
  const server = await definition.create({})
  const { listener } = server
  const url = server.basePath ?? ''
  const report: ChildReport = { server: definition.id, cpuUsPerRequest: {} }
  const parent = values.handshake ? createInterface({ input: process.stdin }) : null
  const lines = parent?.[Symbol.asyncIterator]()
  const handshake = async (line: string): Promise<void> => {
    if (!lines) return
    process.stdout.write(line + '\n')
    await lines.next()
  }
  try {
    const tokens = await seedInProcess(listener, url, inFlight)
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const scenario of scenarios) {
        await checkInProcess(listener, url, scenario, tokens)
        if (warmup > 0) await loadInProcess(listener, url, scenario, tokens, warmup, inFlight)
        await handshake(`measure ${scenario.id} ${requests}`)
        const sample = await loadInProcess(listener, url, scenario, tokens, requests, inFlight)
        await handshake('measured')
        ;(report.cpuUsPerRequest[scenario.id] ??= []).push(sample.cpuUs / sample.requests)
      }
    }
  } finally {
    parent?.close()
    await server.close()
  }
  process.stdout.write(JSON.stringify(report) + '\n')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
