import { ratioChart } from './chart'
import type { MachineInfo } from './machine'
import { readJson, writeBenchFile, writeJson } from './output'
import { renderReport, type Report } from './report'
import type { ScaleResults } from './scale-types'
import { SCENARIOS } from './scenarios'
import { sdkSize } from './sdk-size'
import { ALL_SERVERS } from './servers'
import { summarize, type Cell } from './summary'
import { checkTargets } from './targets'

/** The raw data of a `npm run bench` run, kept in results/bench.json. */
export interface BenchRun {
  machine: MachineInfo
  shape: Report['shape']
  cells: Cell[]
}

/** Summaries, targets and the report of a run. */
export function analyse(run: BenchRun): Report {
  const summaries = run.cells.map((cell) =>
    summarize(
      cell,
      run.cells.find((c) => c.server === 'bare-koa' && c.scenario === cell.scenario),
    ),
  )
  return {
    machine: run.machine,
    shape: run.shape,
    servers: ALL_SERVERS.filter((s) => run.cells.some((c) => c.server === s.id)),
    scenarios: SCENARIOS.filter((s) => run.cells.some((c) => c.scenario === s.id)),
    summaries,
    targets: checkTargets(run.cells, summaries),
    scale: readJson<ScaleResults>('scale.json'),
    sdkSize: sdkSize(),
  }
}

/** Write results/bench.json (when given a new run), RESULTS.md and chart.svg. */
export async function publish(run?: BenchRun): Promise<Report | null> {
  if (run) await writeJson('bench.json', run)
  const saved = run ?? readJson<BenchRun>('bench.json')
  if (!saved) return null
  const report = analyse(saved)
  writeBenchFile('RESULTS.md', renderReport(report))
  writeBenchFile(
    'chart.svg',
    ratioChart(
      report.summaries,
      ALL_SERVERS.filter((s) => report.servers.includes(s)),
      report.scenarios,
      `Session middleware throughput, ${saved.shape.connections} connections (${saved.machine.date.slice(0, 10)})`,
    ),
  )
  return report
}
