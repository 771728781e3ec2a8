/**
 * Jest project of the demo mini-program (from the root: `npx jest --selectProjects
 * miniprogram-demo`). Pages render in jsdom through miniprogram-simulate; their `wx.request`
 * goes over real HTTP to the reference server that the global setup starts.
 */
module.exports = {
  displayName: 'miniprogram-demo',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // 'ts' first: simulate.load('.../index') must find index.ts.
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The SDK from its sources, as the server's and the SDK's own tests do: no build needed.
  moduleNameMapper: {
    '^@header-session/client-sdk$': '<rootDir>/../client-sdk/src/index.ts',
    '^@header-session/client-sdk/(.+)$': '<rootDir>/../client-sdk/src/$1/index.ts',
    ...require('../server/session/source-map'),
    ...require('../testing/source-map'),
  },
  // One tsconfig for tests, pages and SDK: ts-jest keeps one configuration per project.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/setup-wx.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/after-env.ts'],
}
