import { spawnSync } from 'node:child_process'
import * as path from 'node:path'

describe('size script', () => {
  it('prints the gzipped size of core + wx adapter against the 5760-byte budget', () => {
    const result = spawnSync(process.execPath, ['scripts/size.js'], {
      cwd: path.join(__dirname, '../..'),
      encoding: 'utf8',
    })
    expect(result.stdout).toMatch(
      /^core \+ wx adapter: \d+ bytes minified, \d+ bytes gzipped \(budget 5760\)$/m,
    )
    const gzipped = Number(/(\d+) bytes gzipped/.exec(result.stdout)?.[1])
    expect(result.status).toBe(gzipped > 5760 ? 1 : 0)
  })
})
