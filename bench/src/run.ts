import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { machineInfo } from './machine'
import { measure, type RunShape, type Sample } from './measure'
import { BENCH_DIR } from './output'
import { analyse, publish, type BenchRun } from './publish'
import { RedisStats } from './redis-stats'
import { startReplicaPair } from './replica-pair'
import { scenarioTable } from './report'
import { checkScenario, SCENARIOS, seedSessions, sessionsAlive } from './scenarios'
import { startServerProcess, type ServerProcess } from './server-process'
import { REFERENCE_SERVERS, SERVERS } from './servers'
import type { ServerDefinition } from './servers/types'
import type { Cell } from './summary'

const USAGE = `npm run bench [-- options]
  --rounds N        rounds; in each, every scenario on every server in turn (default 5)
  --duration S      measured seconds per server, scenario and round (default 2)
  --warmup S        warm-up seconds before each measurement (default 0.5)
  --connections N   autocannon connections (default 50)
  --servers a,b     only these servers (${SERVERS.map((s) => s.id).join(', ')}),
                    or reference servers outside the line-up (${REFERENCE_SERVERS.map((s) => s.id).join(', ')})
  --scenarios a,b   only these scenarios (${SCENARIOS.map((s) => s.id).join(', ')})
  --profile         write a --cpu-prof profile of each server process to bench/profiles
  --no-write        print only; leave RESULTS.md, chart.svg and results/ alone
  --smoke           one server, one scenario, 1 s: checks the harness works, writes nothing`

function options() {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      duration: { type: 'string', default: '2' },
      warmup: { type: 'string', default: '0.5' },
      connections: { type: 'string', default: '50' },
      servers: { type: 'string' },
      scenarios: { type: 'string' },
      profile: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const smoke = values.smoke
  const pick = <T extends { id: string }>(
    all: readonly T[],
    list: string | undefined,
    more: readonly T[] = [],
  ): T[] => {
    if (list === undefined) return [...all]
    const ids = list.split(',')
    const known = [...all, ...more]
    const unknown = ids.filter((id) => !known.some((x) => x.id === id))
    if (unknown.length) throw new Error(`unknown: ${unknown.join(', ')}\n${USAGE}`)
    return known.filter((x) => ids.includes(x.id))
  }
  const shape: RunShape & { rounds: number } = {
    rounds: smoke ? 1 : Number(values.rounds),
    durationSeconds: smoke ? 1 : Number(values.duration),
    warmupSeconds: smoke ? 0 : Number(values.warmup),
    connections: Number(values.connections),
  }
  return {
    shape,
    servers: pick(SERVERS, smoke ? 'ours-redis' : values.servers, REFERENCE_SERVERS),
    scenarios: pick(SCENARIOS, smoke ? 'read' : values.scenarios),
    profile: values.profile,
    write: !values['no-write'] && !smoke,
    smoke,
  }
}

async function main(): Promise<void> {
  const o = options()
  // A server that needs a replica gets a primary and replica of the bench's own, and so does
  // every Redis server beside it, so that they differ only in what they ask of Redis.
  const pair = o.servers.some((s) => s.replica) ? await startReplicaPair() : null
  const env: Record<string, string> = pair ? { BENCH_REDIS_URL: pair.url } : {}
  const redis = new RedisStats(pair?.url)
  await redis.flush()
  const machine = await machineInfo(redis)
  const cells: Cell[] = []
  const cellOf = (server: string, scenario: string): Cell => {
    let cell = cells.find((c) => c.server === server && c.scenario === scenario)
    if (!cell) cells.push((cell = { server, scenario, samples: [] }))
    return cell
  }
  // Every server is started and seeded first, then they take turns: for each round and each
  // scenario, each server in turn (the order rotating by round) gets a short warm-up and a
  // measurement. A scenario's servers are measured within seconds of each other, so drift of a
  // shared machine hits them alike. Only the server being loaded does any work.
  const running: { server: ServerDefinition; child: ServerProcess; tokens: string[] }[] = []
  try {
    for (const server of o.servers) {
      const execArgv = o.profile
        ? [
            '--cpu-prof',
            `--cpu-prof-dir=${join(BENCH_DIR, 'profiles')}`,
            `--cpu-prof-name=${server.id}.cpuprofile`,
          ]
        : []
      const child = await startServerProcess(server.id, { execArgv, env })
      running.push({ server, child, tokens: [] })
      const entry = running[running.length - 1] as (typeof running)[number]
      entry.tokens = await seedSessions(child.url, o.shape.connections, server.store !== 'none')
    }
    for (let round = 1; round <= o.shape.rounds; round++) {
      const shift = (round - 1) % running.length
      const order = [...running.slice(shift), ...running.slice(0, shift)]
      for (const scenario of o.scenarios) {
        for (const entry of order) {
          const { server, child } = entry
          const sessions = server.store !== 'none'
          const needsSessions = sessions && scenario.withToken
          let sample: Sample | null = null
          // A sample taken while the sessions vanished (something flushed the store) measured
          // misses, not reads or writes: seed anew and measure again, once.
          for (let attempt = 0; attempt < 2 && sample === null; attempt++) {
            if (needsSessions && !(await sessionsAlive(child.url, entry.tokens))) {
              console.warn(
                `${server.id}: the seeded sessions are gone (store flushed?); seeding anew`,
              )
              entry.tokens = await seedSessions(child.url, o.shape.connections, true)
            }
            const { tokens } = entry
            await checkScenario(child.url, scenario, tokens[0] as string, sessions)
            sample = await measure(child, server.store, scenario, tokens, o.shape, round, redis)
            if (attempt === 0 && needsSessions && !(await sessionsAlive(child.url, tokens))) {
              sample = null
            }
          }
          if (sample === null) throw new Error(`${server.id}: sessions keep vanishing`)
          cellOf(server.id, scenario.id).samples.push(sample)
          console.log(
            `round ${round} ${scenario.id.padEnd(9)} ${server.id.padEnd(22)} ` +
              `${Math.round(sample.rps).toString().padStart(6)} req/s  p99 ${sample.p99} ms  ` +
              `${(sample.cpuUs / sample.requests).toFixed(1)} µs/req` +
              (sample.errors + sample.non2xx ? `  FAILURES ${sample.errors + sample.non2xx}` : '') +
              perRequest(sample),
          )
        }
      }
    }
  } finally {
    for (const { child } of running) await child.stop()
    await redis.flush()
    await redis.close()
    await pair?.stop()
  }
  const run: BenchRun = { machine, shape: o.shape, cells }
  const report = o.write ? await publish(run) : analyse(run)
  if (!report) return
  console.log('')
  for (const scenario of report.scenarios) console.log(scenarioTable(report, scenario) + '\n')
  for (const t of report.targets)
    console.log(
      `${t.met ? 'met    ' : t.close ? 'close  ' : 'NOT MET'}  ${t.target}: ${t.measured}`,
    )
  if (o.smoke) smokeCheck(report.summaries)
  if (o.write) console.log(`\nWrote ${join(BENCH_DIR, 'RESULTS.md')} and chart.svg`)
}

/** Store round trips of one sample, per request and by command, for the progress log. */
function perRequest(sample: Sample): string {
  const parts = Object.entries(sample.redisCalls)
    .filter(([, n]) => n / sample.requests >= 0.005)
    .map(([name, n]) => `${name} ${(n / sample.requests).toFixed(2)}`)
  parts.unshift(`round trips ${(sample.queries / sample.requests).toFixed(2)}`)
  if (sample.redisCpuUs > 0)
    parts.push(`Redis CPU ${(sample.redisCpuUs / sample.requests).toFixed(1)} µs`)
  return `  [${parts.join(', ')}]`
}

/** The smoke run checks the shape of what the harness measured, never its speed. */
function smokeCheck(summaries: ReturnType<typeof analyse>['summaries']): void {
  const s = summaries[0]
  const problems: string[] = []
  if (summaries.length !== 1 || !s) problems.push(`expected one cell, got ${summaries.length}`)
  else {
    if (!(s.rps > 0)) problems.push(`req/s ${s.rps}`)
    if (s.failures !== 0) problems.push(`${s.failures} failed requests`)
    if (!(s.cpuUsPerRequest > 0)) problems.push(`CPU per request ${s.cpuUsPerRequest}`)
    // A read sends at most one command; loads in flight together share one MGET, so fewer.
    if (!(s.roundTrips > 0 && s.roundTrips <= 1)) problems.push(`round trips ${s.roundTrips}`)
    if (!(s.p99 >= s.p50)) problems.push(`p99 ${s.p99} < p50 ${s.p50}`)
  }
  if (problems.length) throw new Error(`smoke: ${problems.join('; ')}`)
  console.log('smoke: the harness measured one cell of the expected shape')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
