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

/** Minified and gzipped bytes of a bundle of `contents` (an entry module). */
function measure(contents) {
  const result = esbuild.buildSync({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'size-entry.ts' },
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
  return { minified: code.length, gzipped: zlib.gzipSync(code, { level: 9 }).length }
}

// Everything `.` and `./wx` export, whether an app uses it or not.
const core = measure("export * from './src/index'\nexport * from './src/wx/index'\n")
console.log(
  `core + wx adapter: ${core.minified} bytes minified, ${core.gzipped} bytes gzipped (budget ${BUDGET_BYTES})`,
)
const withFetch = measure(
  "export * from './src/index'\nexport * from './src/wx/index'\nexport * from './src/to-fetch/index'\n",
)
console.log(
  `  + to-fetch (optional entry point): ${withFetch.gzipped - core.gzipped} bytes gzipped more`,
)
if (core.gzipped > BUDGET_BYTES) {
  console.error(`over budget by ${core.gzipped - BUDGET_BYTES} bytes`)
  process.exitCode = 1
}
