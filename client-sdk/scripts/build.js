/**
 * Builds the package: CommonJS + `.d.ts` with tsc (dist/cjs), ESM with esbuild (dist/esm, one
 * `.mjs` per entry point plus shared chunks), both ES2017, and the mini-program layout Build npm
 * copies (dist/miniprogram, scripts/miniprogram-layout.js); then checks the output's syntax.
 * Usage: node scripts/build.js
 */
const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')
const esbuild = require('esbuild')
const { entryPoints } = require('./entries')
const { checkSyntax } = require('./check-syntax')
const { writeMiniprogramLayout } = require('./miniprogram-layout')

const root = path.join(__dirname, '..')
const dist = path.join(root, 'dist')

// A clean build: tsc -b would trust its .tsbuildinfo and skip files deleted by hand.
fs.rmSync(dist, { recursive: true, force: true })
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', root], {
  stdio: 'inherit',
})
esbuild.buildSync({
  absWorkingDir: root,
  entryPoints: entryPoints(),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2017',
  outdir: path.join(dist, 'esm'),
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
})

writeMiniprogramLayout(path.join(dist, 'cjs'), path.join(dist, 'miniprogram'))

const problems = checkSyntax(['cjs', 'esm', 'miniprogram'].map((dir) => path.join(dist, dir)))
if (problems.length) {
  problems.forEach((p) => console.error(p))
  process.exit(1)
}
console.log('built dist/cjs (CommonJS + .d.ts), dist/esm (ESM), dist/miniprogram; ES2017 checked')
