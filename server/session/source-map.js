const path = require('node:path')

/**
 * Jest `moduleNameMapper` entries that load `@header-session/koa` from its TypeScript sources:
 * test projects of other workspaces run against the library as it is, not as last built.
 */
const src = path.join(__dirname, 'src')
module.exports = {
  '^@header-session/koa$': path.join(src, 'index.ts'),
  '^@header-session/koa/(redis|sql)$': path.join(src, 'stores', '$1', 'index.ts'),
}
