/**
 * Runs before `npm pack` and `npm publish`: a clean build, so the tarball holds only what the
 * current sources compile to (tsc -b trusts its .tsbuildinfo and leaves the output of deleted
 * files in place).
 * Usage: node scripts/prepack.js (npm runs it as `prepack`).
 */
const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const root = path.join(__dirname, '..')

for (const dir of ['dist', 'build']) {
  fs.rmSync(path.join(root, dir), { recursive: true, force: true })
}
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', root], {
  stdio: 'inherit',
})
