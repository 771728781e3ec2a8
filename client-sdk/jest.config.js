/** Jest project of the client SDK (run from the root: `npx jest --selectProjects client-sdk`). */
module.exports = {
  displayName: 'client-sdk',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/src/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
  testTimeout: 30000,
  // The integration tests run the reference app, on the session library's sources.
  moduleNameMapper: {
    ...require('../server/session/source-map'),
    ...require('../testing/source-map'),
  },
}
