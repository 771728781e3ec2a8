const path = require('node:path')

/**
 * Jest `moduleNameMapper` entry that loads `@header-session/testing` from its TypeScript
 * sources: test projects of other workspaces run against the runtime as it is, not as last built.
 */
module.exports = {
  '^@header-session/testing$': path.join(__dirname, 'src', 'index.ts'),
}
