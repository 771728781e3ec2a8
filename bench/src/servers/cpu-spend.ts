/** Where the spin's result goes, so that the compiler cannot drop the loop. */
let spun = 0

function spin(iterations: number): void {
  let value = spun
  for (let i = 0; i < iterations; i++) value = (value * 31 + i) | 0
  spun = value
}

/** CPU time of this process so far, µs (user and system, all threads). */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage()
  return user + system
}

/**
 * A function that spends about `microseconds` of CPU on the calling thread each call, doing
 * nothing else (no allocation, no system call): the iterations per microsecond are counted
 * once, over 300 ms of spinning after 100 ms of warm-up. A server given this before each request
 * shows what that much CPU per request of one's own costs on the machine, over HTTP.
 */
export function calibratedCpuSpend(microseconds: number): () => void {
  const chunk = 10_000
  const warmUntil = performance.now() + 100
  while (performance.now() < warmUntil) spin(chunk)
  const startCpu = cpuMicros()
  const until = performance.now() + 300
  let chunks = 0
  while (performance.now() < until) {
    spin(chunk)
    chunks++
  }
  const perMicro = (chunks * chunk) / (cpuMicros() - startCpu)
  const iterations = Math.max(1, Math.round(perMicro * microseconds))
  return () => spin(iterations)
}
