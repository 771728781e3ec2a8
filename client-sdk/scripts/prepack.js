/**
 * Runs before `npm pack` and `npm publish`: a clean build (scripts/build.js), and the protocol
 * the README refers to, which lives in the repository's docs.
 * Usage: node scripts/prepack.js (npm runs it as `prepack`).
 */
const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const root = path.join(__dirname, '..')

execFileSync(process.execPath, [path.join(__dirname, 'build.js')], { stdio: 'inherit' })
fs.copyFileSync(path.join(root, '../docs/PROTOCOL.md'), path.join(root, 'PROTOCOL.md'))
