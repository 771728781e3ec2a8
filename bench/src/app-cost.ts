import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { parseArgs, promisify } from 'node:util'
import autocannon from 'autocannon'
import type { ChildReport } from './app-cost-child'
import { spawnUnderCallgrind } from './callgrind-child'
import { HEADER, ROUTE } from './config'
import { RedisStats } from './redis-stats'
import { SCENARIOS, type Scenario } from './scenarios'
import { median } from './summary'

const run = promisify(execFile)

const USAGE = `npm run bench:app-cost [-- options]
  --servers a,b     the baseline first, then the servers compared with it (default ours-redis,app-redis)
  --scenarios a,b   default anon-read,read
  --processes N     processes per server, taking turns (default 5)
  --rounds N        measurements per scenario in each process (default 3)
  --requests N      measured requests per round (default 20000)
  --warmup N        requests before each measurement, not counted (default 10000)
  --in-flight N     requests in flight (default 50)
  --node-flags 'f'  flags of the children's node (e.g. '--predictable')
  --callgrind       count instructions under valgrind instead (slow; see bench/README.md)
  --http            with --callgrind: the server listens on loopback and autocannon loads it
                    from this process (--in-flight connections); counts the server's
                    instructions per request over HTTP`

function options() {
  const { values } = parseArgs({
    options: {
      servers: { type: 'string', default: 'ours-redis,app-redis' },
      scenarios: { type: 'string', default: 'anon-read,read' },
      processes: { type: 'string' },
      rounds: { type: 'string' },
      requests: { type: 'string' },
      warmup: { type: 'string' },
      'in-flight': { type: 'string', default: '50' },
      callgrind: { type: 'boolean', default: false },
      http: { type: 'boolean', default: false },
      'node-flags': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const callgrind = values.callgrind
  if (values.http && !callgrind) {
    throw new Error(
      '--http counts instructions: give --callgrind too (CPU time over HTTP is npm run bench)',
    )
  }
  return {
    servers: values.servers.split(','),
    scenarios: values.scenarios.split(','),
    processes: Number(values.processes ?? (callgrind ? 1 : 5)),
    rounds: Number(values.rounds ?? (callgrind ? 4 : 3)),
    requests: Number(values.requests ?? (callgrind ? 3000 : 20_000)),
    warmup: Number(values.warmup ?? (callgrind ? 5000 : 10_000)),
    inFlight: Number(values['in-flight']),
    callgrind,
    http: values.http,
    nodeFlags: (values['node-flags'] ?? (callgrind ? '--predictable' : ''))
      .split(' ')
      .filter(Boolean),
  }
}

type Options = ReturnType<typeof options>

/** Arguments of `app-cost-child.js` for one server. */
function childArgs(server: string, scenarios: string, requests: number, o: Options): string[] {
  return [
    ...o.nodeFlags,
    join(__dirname, 'app-cost-child.js'),
    ...['--server', server, '--scenarios', scenarios],
    ...['--requests', String(requests), '--warmup', String(o.warmup)],
    ...['--in-flight', String(o.inFlight)],
  ]
}

const CHILD_ENV = { ...process.env, NODE_ENV: 'production' }

/** Under valgrind: a store deadline of a minute (see `SESSION_DEADLINE` in config.ts). */
const CALLGRIND_ENV = { ...CHILD_ENV, BENCH_STORE_TIMEOUT_MS: '60000' }

/** CPU µs per request of one process of `server`: its median round, by scenario. */
async function cpuPerRequest(server: string, o: Options): Promise<Record<string, number>> {
  const args = [
    ...childArgs(server, o.scenarios.join(','), o.requests, o),
    ...['--rounds', String(o.rounds)],
  ]
  const { stdout } = await run(process.execPath, args, { env: CHILD_ENV, maxBuffer: 1 << 20 })
  const report = JSON.parse(stdout.trim().split('\n').pop() as string) as ChildReport
  return mediansOf(report.cpuUsPerRequest)
}

/**
 * Instructions per request of one process of `server` under callgrind, by scenario (one value
 * per round): the child frames each measurement (`--handshake`) and the counts are read
 * before and after it, so startup, seeding and warm-up are left out.
 */
async function instructionsPerRequest(server: string, o: Options) {
  const child = spawnUnderCallgrind(
    server,
    [
      ...childArgs(server, o.scenarios.join(','), o.requests, o),
      ...['--rounds', String(o.rounds), '--handshake'],
    ],
    CALLGRIND_ENV,
  )
  const out: Record<string, number[]> = {}
  let scenario = ''
  let requests = 0
  let before = 0
  for await (const line of child.lines) {
    const [word, id, count] = line.split(' ')
    if (word === 'measure') {
      scenario = id as string
      requests = Number(count)
      before = await child.instructionsSoFar()
    } else if (word === 'measured') {
      const spent = (await child.instructionsSoFar()) - before
      ;(out[scenario] ??= []).push(spent / requests)
    } else continue
    child.input.write('go\n')
  }
  await child.finished()
  return mediansOf(out)
}

/** `requests` requests of `scenario` to `url` over `connections` connections (each its token). */
async function loadOverHttp(
  url: string,
  scenario: Scenario,
  tokens: readonly string[],
  requests: number,
  connections: number,
): Promise<void> {
  let next = 0
  const result = await autocannon({
    url: url + ROUTE,
    method: scenario.method,
    connections,
    amount: requests,
    timeout: 120,
    setupClient: (client) => {
      if (scenario.withToken) client.setHeaders({ [HEADER]: tokens[next++ % tokens.length] })
    },
  })
  const failed = result.non2xx + result.errors + result.timeouts
  if (failed > 0) throw new Error(`${scenario.id} over HTTP: ${failed} of ${requests} failed`)
}

/** A session per connection, created over HTTP: the tokens of the read scenarios. */
async function seedOverHttp(url: string, count: number): Promise<string[]> {
  const tokens: string[] = []
  while (tokens.length < count) {
    const answer = await fetch(url + ROUTE, { method: 'POST' })
    const token = answer.headers.get(HEADER)
    if (answer.status !== 200 || token === null) {
      throw new Error(`seeding a session over HTTP failed: ${answer.status} ${await answer.text()}`)
    }
    tokens.push(token)
  }
  return tokens
}

/**
 * Instructions per request of `server` over HTTP, under callgrind, by scenario (median of the
 * rounds): the server listens on loopback (`app-cost-server.js`) and autocannon, in this
 * process, sends `--warmup` requests, then `--requests` counted between two readings. The
 * server's HTTP parsing and socket work are counted with the rest; the load tool's are not.
 */
async function httpInstructionsPerRequest(server: string, o: Options) {
  const child = spawnUnderCallgrind(
    server,
    [...o.nodeFlags, join(__dirname, 'app-cost-server.js'), server],
    CALLGRIND_ENV,
  )
  const first = await child.lines.next()
  const [word, port, basePath] = String(first.value ?? '').split(' ')
  if (word !== 'listening') {
    child.input.end()
    await child.finished()
    throw new Error(`${server} under valgrind did not say where it listens: ${first.value}`)
  }
  const url = `http://127.0.0.1:${port}${basePath ?? ''}`
  const out: Record<string, number[]> = {}
  try {
    const tokens = await seedOverHttp(url, o.inFlight)
    for (let round = 0; round < o.rounds; round++) {
      for (const id of o.scenarios) {
        const scenario = SCENARIOS.find((s) => s.id === id)
        if (!scenario) throw new Error(`unknown scenario ${id}`)
        if (o.warmup > 0) await loadOverHttp(url, scenario, tokens, o.warmup, o.inFlight)
        const before = await child.instructionsSoFar()
        await loadOverHttp(url, scenario, tokens, o.requests, o.inFlight)
        const spent = (await child.instructionsSoFar()) - before
        ;(out[id] ??= []).push(spent / o.requests)
      }
    }
  } finally {
    child.input.end()
  }
  await child.finished()
  return mediansOf(out)
}

/** The median of each scenario's rounds. */
function mediansOf(rounds: Record<string, number[]>): Record<string, number> {
  const medians: Record<string, number> = {}
  for (const [id, values] of Object.entries(rounds)) medians[id] = median(values)
  return medians
}

/** `median (lowest–highest)` of `values`, with `digits` decimals. */
function spread(values: readonly number[], digits: number): string {
  const fixed = (value: number) => value.toFixed(digits)
  return `${fixed(median(values))} (${fixed(Math.min(...values))}–${fixed(Math.max(...values))})`
}

/**
 * The reference app's own cost without HTTP: each server alone in its processes, driven in
 * process, taking turns; per scenario, each server's median over processes and the median of
 * its differences with the baseline (the first server) process by process.
 */
async function main(): Promise<void> {
  const o = options()
  const unit = o.callgrind ? 'instructions/req' : 'CPU µs/req'
  const digits = o.callgrind ? 0 : 2
  // samples[server][scenario]: one value per process, in turn order.
  const samples: Record<string, Record<string, number[]>> = {}
  try {
    for (let turn = 0; turn < o.processes; turn++) {
      for (const server of o.servers) {
        const byScenario = (samples[server] ??= {})
        const values = o.http
          ? await httpInstructionsPerRequest(server, o)
          : o.callgrind
            ? await instructionsPerRequest(server, o)
            : await cpuPerRequest(server, o)
        for (const [scenario, value] of Object.entries(values)) {
          ;(byScenario[scenario] ??= []).push(value)
        }
        const line = Object.entries(values).map(([s, v]) => `${s} ${v.toFixed(digits)}`)
        console.log(`process ${turn + 1} ${server.padEnd(12)} ${line.join('  ')} ${unit}`)
      }
    }
  } finally {
    // The seeded sessions live in the bench's Redis database, which the bench flushes too.
    const redis = new RedisStats()
    await redis.flush()
    await redis.close()
  }
  const [baseline, ...others] = o.servers as [string, ...string[]]
  console.log(`\n${unit}: median over processes (lowest–highest)`)
  for (const scenario of o.scenarios) {
    const base = samples[baseline]?.[scenario] ?? []
    console.log(`${scenario}: ${baseline} ${spread(base, digits)}`)
    for (const server of others) {
      const values = samples[server]?.[scenario] ?? []
      const differences = values.map((value, turn) => value - (base[turn] as number))
      console.log(
        `${scenario}: ${server} ${spread(values, digits)}, over ${baseline} ${spread(differences, digits)}`,
      )
    }
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
