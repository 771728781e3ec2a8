const os = require('node:os')
const path = require('node:path')

// The client SDK as built for this run: the global setup builds it and copies it here, because
// client-sdk's own build test deletes and rebuilds client-sdk/dist while these tests run. Set
// here (the config is read once, in the parent process) so the workers inherit it.
process.env.HS_E2E_SDK_DIR ??= path.join(os.tmpdir(), `hs-e2e-sdk-${process.pid}-${Date.now()}`)
const sdk = path.join(process.env.HS_E2E_SDK_DIR, 'dist', 'cjs')

/**
 * Jest project of the end-to-end suite (from the root: `npx jest --selectProjects e2e`).
 * Node environment; the mini-program files ask for jsdom in their docblock.
 */
module.exports = {
  displayName: 'e2e',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // One tsconfig for the tests and the demo's pages (ts-jest keeps one per project).
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: {
    '^@header-session/client-sdk$': path.join(sdk, 'index.js'),
    '^@header-session/client-sdk/([a-z-]+)$': path.join(sdk, '$1', 'index.js'),
    ...require('../testing/source-map'),
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60_000,
}
