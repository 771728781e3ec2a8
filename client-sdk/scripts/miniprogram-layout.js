/**
 * Writes dist/miniprogram, the folder the package's `miniprogram` field names: what the WeChat
 * devtools' "Build npm" copies, file for file, into miniprogram_npm/@header-session/client-sdk/.
 *
 * It holds the CommonJS build's .js files (no .d.ts: nothing in a mini-program reads them) and,
 * for every subpath export, both layouts a `require('@header-session/client-sdk/wx')` may be
 * resolved to. WeChat's npm page documents only that a bare package name means its index.js;
 * for `pkg/sub` miniprogram-ci's code analyser tries `sub.js` then `sub/index.js`, and its
 * file-name protection only `sub/index.js`. So `wx/index.js` is the adapter and `wx.js` a
 * one-line re-export of it: either reading finds the same module.
 * Usage: node scripts/miniprogram-layout.js (scripts/build.js runs it after the CommonJS build)
 */
const fs = require('node:fs')
const path = require('node:path')
const { ADAPTERS } = require('./entries')

const root = path.join(__dirname, '..')

/** The .js files under `dir`, as paths relative to it. */
function scriptsOf(dir) {
  return fs
    .readdirSync(dir, { recursive: true })
    .filter((file) => file.endsWith('.js') && fs.statSync(path.join(dir, file)).isFile())
}

/** Copies `cjsDir`'s scripts to `outDir` and adds one `<subpath>.js` per adapter. */
function writeMiniprogramLayout(cjsDir, outDir) {
  fs.rmSync(outDir, { recursive: true, force: true })
  for (const file of scriptsOf(cjsDir)) {
    fs.mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true })
    fs.copyFileSync(path.join(cjsDir, file), path.join(outDir, file))
  }
  for (const name of ADAPTERS) {
    if (!fs.existsSync(path.join(outDir, name, 'index.js'))) {
      throw new Error(`no ${name}/index.js in ${cjsDir}: build the CommonJS output first`)
    }
    fs.writeFileSync(
      path.join(outDir, `${name}.js`),
      `module.exports = require('./${name}/index.js')\n`,
    )
  }
}

if (require.main === module) {
  writeMiniprogramLayout(path.join(root, 'dist', 'cjs'), path.join(root, 'dist', 'miniprogram'))
}

module.exports = { writeMiniprogramLayout }
