import type { Sample } from '../src/measure'
import { verdict } from '../src/report'
import { relative, roundRatios, summarize, type Cell } from '../src/summary'
import { checkTargets } from '../src/targets'

/** A measured turn: `rps` req/s for one second at `cpuUsPerRequest` of server CPU. */
function sample(round: number, rps: number, cpuUsPerRequest = 20): Sample {
  return {
    round,
    rps,
    p50: 1,
    p99: 2,
    requests: rps,
    errors: 0,
    non2xx: 0,
    cpuUs: rps * cpuUsPerRequest,
    queries: 0,
    redisCalls: {},
    redisCpuUs: 0,
  }
}

function cell(server: string, scenario: string, rps: number[], cpu: number[] = []): Cell {
  return { server, scenario, samples: rps.map((r, i) => sample(i + 1, r, cpu[i])) }
}

describe('ratios between servers', () => {
  it('divides within each round and skips a round one of them missed', () => {
    const a = cell('a', 'read', [100, 200, 300])
    const b: Cell = { server: 'b', scenario: 'read', samples: [sample(1, 50), sample(3, 300)] }
    expect(roundRatios(a, b)).toEqual([2, 1])
    expect(relative(a, b)).toBe(1.5)
    expect(roundRatios(a, undefined)).toEqual([])
    expect(relative(a, undefined)).toBeNaN()
  })
})

describe('targets', () => {
  const targetsOf = (cells: Cell[]) => {
    const bare = (scenario: string) =>
      cells.find((c) => c.server === 'bare-koa' && c.scenario === scenario)
    return checkTargets(
      cells,
      cells.map((c) => summarize(c, bare(c.scenario))),
    )
  }
  const find = (checks: ReturnType<typeof checkTargets>, target: string) => {
    const check = checks.find((c) => c.target === target)
    if (!check) throw new Error(`no target ${target}`)
    return check
  }
  const READ = 'Redis read ≥ 1.05× koa-session + Redis'

  it('meets a target on the median over rounds and shows the lowest and highest round', () => {
    const checks = targetsOf([
      cell('ours-redis', 'read', [110, 104, 120]),
      cell('koa-session-redis', 'read', [100, 100, 100]),
    ])
    const check = find(checks, READ)
    expect(check).toMatchObject({ met: true, close: false })
    expect(check.measured).toMatch(
      /^1\.10× \(rounds 1\.04× to 1\.20×; CPU 20\.0 vs 20\.0 µs\/req\)$/,
    )
    expect(verdict(check)).toBe('yes')
  })

  it.each([
    ['close when some round reached it', [100, 106, 98], true, '**no**, close'],
    ['not close when every round missed it', [90, 95, 104], false, '**no**'],
  ])('calls a missed target %s', (_, rps, close, shown) => {
    const check = find(
      targetsOf([
        cell('ours-redis', 'read', rps),
        cell('koa-session-redis', 'read', [100, 100, 100]),
      ]),
      READ,
    )
    expect(check).toMatchObject({ met: false, close })
    expect(verdict(check)).toBe(shown)
  })

  it('judges server CPU over bare Koa on all requests, and shows each round', () => {
    const checks = targetsOf([
      cell('ours-redis', 'read', [100, 100, 100], [30, 24, 27]),
      cell('bare-koa', 'read', [200, 200, 200], [16, 16, 16]),
    ])
    const check = find(checks, 'Redis read ≤ 10 µs server CPU over bare Koa')
    expect(check.measured).toBe('+11.0 µs (27.0 vs 16.0; rounds +8.0 µs to +14.0 µs)')
    expect(check).toMatchObject({ met: false, close: true })
  })

  it('judges the reference app on its CPU over ours-redis, the 5 µs scaled to the machine', () => {
    // ours-redis at 4 800 req/s: ten times slower than on the goal's machine (48k), so the
    // budget is 50 µs here.
    const checks = targetsOf([
      cell('ours-redis', 'anon-read', [4800, 4800, 4800], [200, 200, 200]),
      cell('app-redis', 'anon-read', [4000, 3900, 4100], [246, 270, 230]),
      cell('bare-koa', 'anon-read', [6000, 6000, 6000], [150, 150, 150]),
    ])
    const anon = find(
      checks,
      "reference app (anon-read) ≤ 5 µs server CPU over ours-redis, at the goal's speed",
    )
    expect(anon.measured).toBe(
      '+48.3 µs (248.3 vs 200.0; rounds +30.0 µs to +70.0 µs; ' +
        'budget 50.0 µs = 5 µs × 48.0k / 4800 req/s of ours-redis)',
    )
    expect(anon).toMatchObject({ met: true, close: false })
    // Reads: 30.8k on the goal's machine; here 3 080 req/s, so 50 µs again.
    const read = targetsOf([
      cell('ours-redis', 'read', [3080], [300]),
      cell('app-redis', 'read', [2500], [360]),
    ]).filter((c) => c.target.startsWith('reference app'))
    expect(read).toEqual([
      expect.objectContaining({
        target: "reference app (read) ≤ 5 µs server CPU over ours-redis, at the goal's speed",
        measured:
          '+60.0 µs (360.0 vs 300.0; rounds +60.0 µs to +60.0 µs; ' +
          'budget 50.0 µs = 5 µs × 30.8k / 3080 req/s of ours-redis)',
        met: false,
        close: false,
      }),
    ])
  })

  it('leaves out targets whose servers were not run', () => {
    const checks = targetsOf([cell('ours-sqlite', 'read', [500]), cell('bare-koa', 'read', [600])])
    expect(checks).toEqual([])
  })
})
