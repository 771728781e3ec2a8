import { readFileSync } from 'node:fs'

/** The parts of a V8 `.cpuprofile` this reads. */
interface CpuProfile {
  nodes: {
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number }
    children?: number[]
  }[]
  samples: number[]
  timeDeltas: number[]
}

/** Where a script lives, shortened: a package name, our code's file, or Node's internals. */
function place(url: string): string {
  if (url === '') return '(native / VM)'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)
  if (pkg) return pkg[1] as string
  const ours = /\/(server|bench)\/dist\/(.+)$/.exec(url)
  if (ours) return `${ours[1]}/${ours[2]}`
  if (url.startsWith('node:')) return 'node internals'
  return url
}

/**
 * Summarize a CPU profile (`node --cpu-prof`) by self time: per package or file, and the
 * heaviest functions. `node dist/profile-summary.js <file.cpuprofile> [top]`.
 */
function main(): void {
  const [file, topArg] = process.argv.slice(2)
  if (!file) throw new Error('usage: node dist/profile-summary.js <file.cpuprofile> [top]')
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  )
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const byPlace = new Map<string, number>()
  const byFunction = new Map<string, number>()
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0
    const { functionName, url, lineNumber } = node.callFrame
    const where = place(url)
    byPlace.set(where, (byPlace.get(where) ?? 0) + us)
    const name = `${functionName || '(anonymous)'}  ${where}${url ? `:${lineNumber + 1}` : ''}`
    byFunction.set(name, (byFunction.get(name) ?? 0) + us)
  }
  const print = (title: string, map: Map<string, number>, top: number): void => {
    console.log(`\n${title}`)
    for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`)
    }
  }
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`)
  print('Self time by package or file', byPlace, 25)
  print('Self time by function', byFunction, Number(topArg ?? 40))
}

main()
