import type { Sample } from './measure'

/** All samples of one (server, scenario). */
export interface Cell {
  server: string
  scenario: string
  samples: Sample[]
}

/** What the table shows for one cell. */
export interface CellSummary {
  server: string
  scenario: string
  rounds: number
  /** Median over rounds. */
  rps: number
  /** Median over rounds of the ratio to bare Koa's same scenario in the same round. */
  ratio: number
  p50: number
  p99: number
  /** Server CPU per request, µs (all rounds' CPU over all rounds' requests). */
  cpuUsPerRequest: number
  /** Store round trips per request: Redis commands or SQL statements. */
  roundTrips: number
  /** Redis commands per request, by command, as Redis counts them (inside scripts too). */
  commands: Record<string, number>
  /** Redis server CPU per request, µs. */
  redisCpuUsPerRequest: number
  failures: number
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** `f` of `a`'s sample and `b`'s, for each round both were measured in. */
export function pairRounds<T>(
  a: Cell | undefined,
  b: Cell | undefined,
  f: (sample: Sample, other: Sample) => T,
): T[] {
  if (!a || !b) return []
  return a.samples.flatMap((s) => {
    const other = b.samples.find((o) => o.round === s.round)
    return other ? [f(s, other)] : []
  })
}

/** `a`'s req/s over `b`'s in each round both were measured in. */
export function roundRatios(a: Cell | undefined, b: Cell | undefined): number[] {
  return pairRounds(a, b, (s, other) => s.rps / other.rps)
}

/** Median over rounds of `a`'s req/s over `b`'s (both measured in each round). */
export function relative(a: Cell | undefined, b: Cell | undefined): number {
  return median(roundRatios(a, b))
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0)

/** Summarize one cell, relative to bare Koa's cell of the same scenario. */
export function summarize(cell: Cell, bare: Cell | undefined): CellSummary {
  const { samples } = cell
  const requests = sum(samples.map((s) => s.requests))
  const commands: Record<string, number> = {}
  for (const s of samples) {
    for (const [name, n] of Object.entries(s.redisCalls)) commands[name] = (commands[name] ?? 0) + n
  }
  for (const name of Object.keys(commands)) commands[name] = (commands[name] as number) / requests
  const queries = sum(samples.map((s) => s.queries)) / requests
  return {
    server: cell.server,
    scenario: cell.scenario,
    rounds: samples.length,
    rps: median(samples.map((s) => s.rps)),
    ratio: bare ? relative(cell, bare) : NaN,
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    cpuUsPerRequest: sum(samples.map((s) => s.cpuUs)) / requests,
    roundTrips: queries,
    commands,
    redisCpuUsPerRequest: sum(samples.map((s) => s.redisCpuUs)) / requests,
    failures: sum(samples.map((s) => s.errors + s.non2xx)),
  }
}
