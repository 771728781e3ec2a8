const path = require('node:path')

/**
 * Jest project of the packaging test (from the root: `npx jest --selectProjects packaging`):
 * the library and the SDK packed, installed into projects outside the workspace and their
 * READMEs' quick starts run. Its own project, so `--selectProjects session` stays quick.
 */
module.exports = {
  displayName: 'packaging',
  rootDir: path.join(__dirname, '../..'),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/packaging/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
}
