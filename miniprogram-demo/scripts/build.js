/**
 * Builds the demo into dist/, the folder the WeChat devtools open (project.config.json's
 * `miniprogramRoot`): the pages type-checked, then compiled to CommonJS next to their
 * .wxml/.wxss/.json, and the SDK's CommonJS build in miniprogram_npm/, where WeChat's `require`
 * finds packages. No "Build npm" step is needed in the devtools.
 *
 * Usage: npm run build -w @header-session/miniprogram-demo
 *        node scripts/build.js [--out <dir>] [--sdk <the SDK's CommonJS build>] [--no-typecheck]
 * With `--sdk` the SDK is taken as given instead of built (the build test uses a private copy).
 */
const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')
const ts = require('typescript')

const root = path.join(__dirname, '..')
const source = path.join(root, 'miniprogram')
const args = process.argv.slice(2)
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined)
const out = path.resolve(option('--out') || path.join(root, 'dist'))
const sdkRoot = path.dirname(require.resolve('@header-session/client-sdk/package.json'))
const sdkBuild = path.resolve(option('--sdk') || path.join(sdkRoot, 'dist', 'cjs'))
const sdkTarget = path.join(out, 'miniprogram_npm', '@header-session', 'client-sdk')
const tsc = (...tscArgs) =>
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), ...tscArgs], {
    stdio: 'inherit',
  })

/** The files under `dir`, as paths relative to it. */
function filesOf(dir) {
  return fs
    .readdirSync(dir, { recursive: true })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
}

/** Writes `text` to `file`, making its folder. */
function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, text)
}

// 1. Types: the SDK's build (a no-op when up to date) gives the .d.ts the pages are checked with.
if (!args.includes('--no-typecheck')) {
  if (!option('--sdk')) tsc('-b', sdkRoot)
  tsc('-p', path.join(source, 'tsconfig.json'))
}

// 2. The pages: each .ts compiled alone with the tsconfig's options; the rest copied.
const { options } = ts.getParsedCommandLineOfConfigFile(
  path.join(source, 'tsconfig.json'),
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => console.error(d.messageText) },
)
fs.rmSync(out, { recursive: true, force: true })
for (const file of filesOf(source)) {
  const from = path.join(source, file)
  if (file.endsWith('.ts')) {
    const { outputText } = ts.transpileModule(fs.readFileSync(from, 'utf8'), {
      compilerOptions: { ...options, noEmit: false, sourceMap: false },
      fileName: from,
    })
    write(path.join(out, file.replace(/\.ts$/, '.js')), outputText)
  } else if (/\.(wxml|wxss|json)$/.test(file) && !path.basename(file).startsWith('tsconfig')) {
    write(path.join(out, file), fs.readFileSync(from))
  }
}

// 3. The SDK as the devtools' "Build npm" lays it out from its `miniprogram` field (dist/cjs),
// without the .d.ts files.
for (const file of filesOf(sdkBuild).filter((f) => f.endsWith('.js'))) {
  write(path.join(sdkTarget, file), fs.readFileSync(path.join(sdkBuild, file)))
}
// WeChat resolves a bare package name to its index.js and a subpath to a file, so
// `require('@header-session/client-sdk/wx')` needs a `wx.js`: one line per subpath export.
const { exports: entries } = require(path.join(sdkRoot, 'package.json'))
for (const [subpath, target] of Object.entries(entries)) {
  if (subpath === '.' || typeof target !== 'object' || !target.require) continue
  const from = path.relative('dist/cjs', target.require).split(path.sep).join('/')
  write(path.join(sdkTarget, `${subpath.slice(2)}.js`), `module.exports = require('./${from}')\n`)
}
console.log(`built ${out}: open the miniprogram-demo folder in the WeChat devtools`)
