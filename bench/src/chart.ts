import type { CellSummary } from './summary'

/** One bar series: a server with its label and colour. */
export interface ChartServer {
  id: string
  label: string
  ours: boolean
}

const PEER_COLOURS = ['#8c8c8c', '#b07aa1', '#f28e2b', '#76b7b2']
const OURS_COLOURS = ['#2e7d32', '#43a047', '#81c784']

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * A horizontal bar chart of req/s relative to bare Koa, one group per scenario, one bar per
 * server (bare Koa is the dashed line at 1.0). Plain SVG, no dependency.
 */
export function ratioChart(
  summaries: readonly CellSummary[],
  servers: readonly ChartServer[],
  scenarios: readonly { id: string; label: string }[],
  title: string,
): string {
  const bars = servers.filter((s) => s.id !== 'bare-koa')
  const labelWidth = 250
  const plotWidth = 560
  const barHeight = 16
  const groupGap = 34
  const top = 56
  const max = Math.max(
    1.1,
    ...summaries.filter((s) => Number.isFinite(s.ratio)).map((s) => s.ratio * 1.05),
  )
  const xOf = (ratio: number): number => labelWidth + (ratio / max) * plotWidth
  const groupHeight = bars.length * (barHeight + 4) + groupGap
  const height = top + scenarios.length * groupHeight + 20
  const width = labelWidth + plotWidth + 70
  const out: string[] = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escape(title)}</text>`,
    `<text x="${width / 2}" y="40" text-anchor="middle" fill="#555">req/s relative to bare Koa (1.0, dashed); higher is better</text>`,
  )
  for (let tick = 0; tick <= max; tick += 0.25) {
    const x = xOf(tick)
    out.push(
      `<line x1="${x}" y1="${top - 6}" x2="${x}" y2="${height - 20}" stroke="#eee"/>`,
      `<text x="${x}" y="${height - 6}" text-anchor="middle" fill="#777" font-size="10">${tick.toFixed(2)}</text>`,
    )
  }
  scenarios.forEach((scenario, g) => {
    const y0 = top + g * groupHeight
    out.push(`<text x="8" y="${y0 + 10}" font-weight="bold">${escape(scenario.label)}</text>`)
    let peer = 0
    let ours = 0
    bars.forEach((server, i) => {
      const colour = server.ours
        ? OURS_COLOURS[ours++ % OURS_COLOURS.length]
        : PEER_COLOURS[peer++ % PEER_COLOURS.length]
      const y = y0 + 16 + i * (barHeight + 4)
      const s = summaries.find((c) => c.server === server.id && c.scenario === scenario.id)
      out.push(
        `<text x="${labelWidth - 8}" y="${y + barHeight - 4}" text-anchor="end"${server.ours ? ' font-weight="bold"' : ''}>${escape(server.label)}</text>`,
      )
      if (!s || !Number.isFinite(s.ratio)) {
        out.push(`<text x="${labelWidth + 4}" y="${y + barHeight - 4}" fill="#999">not run</text>`)
        return
      }
      const w = Math.max(1, xOf(s.ratio) - labelWidth)
      out.push(
        `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${colour}"/>`,
        `<text x="${(labelWidth + w + 4).toFixed(1)}" y="${y + barHeight - 4}">${s.ratio.toFixed(2)}</text>`,
      )
    })
  })
  const one = xOf(1)
  out.push(
    `<line x1="${one}" y1="${top - 6}" x2="${one}" y2="${height - 20}" stroke="#333" stroke-dasharray="4 3"/>`,
    '</svg>',
  )
  return out.join('\n') + '\n'
}
