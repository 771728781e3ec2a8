/**
 * Builds the demo's JavaScript into dist/: the pages type-checked, then each .ts compiled to
 * CommonJS next to its .wxml/.wxss/.json, as the WeChat devtools compile them
 * (project.config.json's `useCompilerPlugins: ["typescript"]`). The devtools need no build: they
 * open miniprogram/ itself. This output is what WeChat's tools are tested on
 * (test/wechat-tools.test.ts) and what a tool that reads no TypeScript can be given. The SDK is
 * not copied: the devtools' Build npm puts it in miniprogram_npm.
 *
 * Usage: npm run build -w @header-session/miniprogram-demo
 *        node scripts/build.js [--out <dir>] [--no-typecheck]
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
const tsc = (...tscArgs) =>
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), ...tscArgs], {
    stdio: 'inherit',
  })

/** The files under `dir`, as paths relative to it, but for what Build npm wrote there. */
function filesOf(dir) {
  return fs
    .readdirSync(dir, { recursive: true })
    .filter((f) => !f.startsWith('miniprogram_npm') && fs.statSync(path.join(dir, f)).isFile())
}

/** Writes `text` to `file`, making its folder. */
function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, text)
}

// 1. Types: the SDK's build (a no-op when up to date) gives the .d.ts the pages are checked with.
if (!args.includes('--no-typecheck')) {
  tsc('-b', sdkRoot)
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

console.log(`built ${out}`)
