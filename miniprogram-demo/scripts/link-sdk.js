/**
 * Puts the SDK where the WeChat devtools' Build npm looks for it: node_modules/ beside the
 * package.json that project.config.json's `packNpmRelationList` names (this folder's).
 *
 * npm workspaces install the SDK once, in the repository's node_modules, and leave none here;
 * Build npm reads only the node_modules next to that package.json ("No miniprogram_npm package
 * was found" otherwise). So this links node_modules/@header-session/client-sdk to the package npm
 * installed (a junction on Windows, which needs no rights). npm runs it after every install
 * (`postinstall`); npm may remove the link first, as it dedupes workspaces.
 * Usage: node scripts/link-sdk.js
 */
const fs = require('node:fs')
const path = require('node:path')

const NAME = '@header-session/client-sdk'
const demo = path.join(__dirname, '..')
const link = path.join(demo, 'node_modules', ...NAME.split('/'))
const target = fs.realpathSync(path.dirname(require.resolve(`${NAME}/package.json`)))

const current = fs.existsSync(link) ? fs.realpathSync(link) : undefined
if (current !== target) {
  fs.rmSync(link, { recursive: true, force: true })
  fs.mkdirSync(path.dirname(link), { recursive: true })
  if (process.platform === 'win32') fs.symlinkSync(target, link, 'junction')
  else fs.symlinkSync(path.relative(path.dirname(link), target), link, 'dir')
}
console.log(`${path.relative(demo, link)} -> ${target}`)
