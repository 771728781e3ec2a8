/**
 * Prints the size of what a WeChat mini-program ships: the core and the wx adapter, bundled
 * with esbuild, minified and gzipped. Exits 1 over the budget.
 * Usage: npm run size -w client-sdk
 *
 * The figure is an app's bundle that imports every export of `.` and `./wx` by name and keeps
 * them all (nothing is tree-shaken away): all the code those entry points ship, without the
 * export statement a library file has, since export names never reach an app's bundle. The
 * library-file figure (with its export list) is printed too.
 */
const path = require('node:path')
const zlib = require('node:zlib')
const esbuild = require('esbuild')

// Every behaviour in the README fits, with little room to grow unnoticed (README, Size). It was
// 4 608 (4.5 KiB) until session conflicts (PROTOCOL client rule 6) added 195 bytes, then 4 800
// until platform methods, errno, platform options, the official typings' shapes and the
// options for other backends added 873, then 5 680 until checkSession added 97.
const BUDGET_BYTES = 5760
const root = path.join(__dirname, '..')

/** Minified code, its exports, and its gzipped size, of a bundle of `contents` (an entry module). */
function bundle(contents) {
  const result = esbuild.buildSync({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'size-entry.ts' },
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2017',
    write: false,
    metafile: true,
    logLevel: 'warning',
  })
  const code = result.outputFiles[0].contents
  const exports = Object.values(result.metafile.outputs)[0].exports
  return { minified: code.length, gzipped: zlib.gzipSync(code, { level: 9 }).length, exports }
}

/** An app using every runtime export of `entries` (module paths relative to the package). */
function app(entries) {
  const names = []
  const imports = entries.map((entry) => {
    const own = bundle(`export * from '${entry}'`).exports
    names.push(...own)
    return `import { ${own.join(', ')} } from '${entry}'`
  })
  return bundle(`${imports.join('\n')}\nexport default [${names.join(', ')}]\n`)
}

const CORE = ['./src/index', './src/wx/index']
const core = app(CORE)
console.log(
  `core + wx adapter: ${core.minified} bytes minified, ${core.gzipped} bytes gzipped (budget ${BUDGET_BYTES})`,
)
const library = bundle(CORE.map((entry) => `export * from '${entry}'\n`).join(''))
console.log(`  as one library file with its export list: ${library.gzipped} bytes gzipped`)
const withFetch = app([...CORE, './src/to-fetch/index'])
console.log(
  `  + to-fetch (optional entry point): ${withFetch.gzipped - core.gzipped} bytes gzipped more`,
)
if (core.gzipped > BUDGET_BYTES) {
  console.error(`over budget by ${core.gzipped - BUDGET_BYTES} bytes`)
  process.exitCode = 1
}
