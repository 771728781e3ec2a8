import { relative, type Cell, type CellSummary } from './summary'

/** One target of the issue, judged on one run. */
export interface TargetCheck {
  target: string
  measured: string
  met: boolean
}

const x = (n: number): string => `${n.toFixed(2)}×`

/**
 * The targets, all judged within the same run: ratios between servers measured in the
 * same rounds, and CPU per request over bare Koa's.
 */
export function checkTargets(
  cells: readonly Cell[],
  summaries: readonly CellSummary[],
): TargetCheck[] {
  const cell = (server: string, scenario: string): Cell | undefined =>
    cells.find((c) => c.server === server && c.scenario === scenario)
  const summary = (server: string, scenario: string): CellSummary | undefined =>
    summaries.find((c) => c.server === server && c.scenario === scenario)
  const checks: TargetCheck[] = []
  const ratioAtLeast = (
    target: string,
    a: string,
    b: string,
    scenario: string,
    goal: number,
  ): void => {
    const value = relative(cell(a, scenario), cell(b, scenario))
    if (Number.isNaN(value)) return
    // CPU per request moves less than req/s on a shared machine: show it beside the ratio.
    const cpu = [a, b].map((id) => summary(id, scenario)?.cpuUsPerRequest ?? NaN)
    const measured = `${x(value)} (CPU ${cpu.map((c) => c.toFixed(1)).join(' vs ')} µs/req)`
    checks.push({ target, measured, met: value >= goal })
  }

  ratioAtLeast(
    'Redis read ≥ 1.05× koa-session + Redis',
    'ours-redis',
    'koa-session-redis',
    'read',
    1.05,
  )
  const oursCpu = summary('ours-redis', 'read')?.cpuUsPerRequest
  const bareCpu = summary('bare-koa', 'read')?.cpuUsPerRequest
  if (oursCpu !== undefined && bareCpu !== undefined) {
    const over = oursCpu - bareCpu
    checks.push({
      target: 'Redis read ≤ 10 µs server CPU over bare Koa',
      measured: `+${over.toFixed(1)} µs (${oursCpu.toFixed(1)} vs ${bareCpu.toFixed(1)})`,
      met: over <= 10,
    })
  }
  ratioAtLeast(
    'Redis write ≥ 1.10× koa-session + Redis',
    'ours-redis',
    'koa-session-redis',
    'write',
    1.1,
  )
  ratioAtLeast(
    'Redis create ≥ 1.10× koa-session + Redis',
    'ours-redis',
    'koa-session-redis',
    'create',
    1.1,
  )
  for (const ours of ['ours-redis', 'ours-sqlite', 'ours-pg']) {
    ratioAtLeast(`${ours}: GET without token ≥ 0.95× bare Koa`, ours, 'bare-koa', 'anon-read', 0.95)
  }
  ratioAtLeast(
    'sqlite read ≥ 3× koa-session + Knex/sqlite',
    'ours-sqlite',
    'koa-session-sqlite',
    'read',
    3,
  )
  ratioAtLeast(
    'sqlite write ≥ 3× koa-session + Knex/sqlite',
    'ours-sqlite',
    'koa-session-sqlite',
    'write',
    3,
  )
  const peers: Record<string, string[]> = {
    'ours-redis': ['koa-session-redis', 'express-session-redis', 'koa-session-sqlite'],
    'ours-sqlite': ['koa-session-sqlite'],
  }
  for (const [ours, against] of Object.entries(peers)) {
    for (const scenario of ['read', 'write', 'anon-read', 'create']) {
      for (const peer of against) {
        ratioAtLeast(`${ours} ahead of ${peer} (${scenario})`, ours, peer, scenario, 1)
      }
    }
  }
  return checks
}
