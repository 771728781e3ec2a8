/**
 * Fails when built JavaScript uses syntax newer than ES2017 (what WeChat's base library 2.x
 * runs), or a few newer built-ins the ES2017 type lib would not catch in hand-written casts.
 * Usage: node scripts/check-syntax.js <dir>...
 */
const fs = require('node:fs')
const path = require('node:path')
const acorn = require('acorn')

const NEWER_BUILT_INS = [
  'globalThis',
  'Promise.any',
  'Promise.allSettled',
  'AggregateError',
  'Object.fromEntries',
  'structuredClone',
  '.replaceAll(',
  '.flatMap(',
  '.finally(',
]

function files(dir) {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return files(full)
    return /\.(c|m)?js$/.test(entry.name) ? [full] : []
  })
}

/** Problems found in the `.js`/`.mjs`/`.cjs` files under `dirs`, as `file: message` lines. */
function checkSyntax(dirs) {
  const problems = []
  const all = dirs.flatMap(files)
  for (const file of all) {
    const code = fs.readFileSync(file, 'utf8')
    const sourceType = file.endsWith('.mjs') ? 'module' : 'script'
    try {
      acorn.parse(code, { ecmaVersion: 2017, sourceType })
    } catch (e) {
      problems.push(`${file}: not ES2017: ${e.message}`)
    }
    for (const name of NEWER_BUILT_INS) {
      if (code.includes(name)) problems.push(`${file}: uses ${name} (newer than ES2017)`)
    }
  }
  if (all.length === 0) problems.push(`no JavaScript found under ${dirs.join(', ')}`)
  return problems
}

module.exports = { checkSyntax }

if (require.main === module) {
  const problems = checkSyntax(process.argv.slice(2))
  problems.forEach((p) => console.error(p))
  process.exitCode = problems.length ? 1 : 0
}
