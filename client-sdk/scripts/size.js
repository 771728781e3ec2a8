/**
 * Prints the size of what a WeChat mini-program ships: the core and the wx adapter, bundled
 * with esbuild, minified and gzipped. Exits 1 over the budget.
 * Usage: npm run size -w client-sdk
 */
const path = require('node:path')
const zlib = require('node:zlib')
const esbuild = require('esbuild')

const BUDGET_BYTES = 4096
const root = path.join(__dirname, '..')

const result = esbuild.buildSync({
  stdin: {
    contents: "export * from './src/index'\nexport * from './src/wx/index'\n",
    resolveDir: root,
    loader: 'ts',
    sourcefile: 'size-entry.ts',
  },
  absWorkingDir: root,
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2017',
  write: false,
  logLevel: 'warning',
})
const code = result.outputFiles[0].contents
const gzipped = zlib.gzipSync(code, { level: 9 }).length
console.log(
  `core + wx adapter: ${code.length} bytes minified, ${gzipped} bytes gzipped (budget ${BUDGET_BYTES})`,
)
if (gzipped > BUDGET_BYTES) {
  console.error(`over budget by ${gzipped - BUDGET_BYTES} bytes`)
  process.exitCode = 1
}
