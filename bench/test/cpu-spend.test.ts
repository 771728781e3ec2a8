import { calibratedCpuSpend } from '../src/servers/cpu-spend'

describe('calibratedCpuSpend', () => {
  it('spends CPU in proportion to what it was asked for', () => {
    const cpuOf = (spend: () => void, calls: number): number => {
      const started = process.cpuUsage()
      for (let i = 0; i < calls; i++) spend()
      const { user, system } = process.cpuUsage(started)
      return user + system
    }
    // A ratio, not a duration: the machine's speed cancels out (the bench measures the rest).
    const small = cpuOf(calibratedCpuSpend(5), 10_000)
    const large = cpuOf(calibratedCpuSpend(50), 10_000)
    expect(small).toBeGreaterThan(0)
    expect(large / small).toBeGreaterThan(4)
  })
})
