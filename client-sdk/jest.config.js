/** Jest project of the client SDK (run from the root: `npx jest --selectProjects client-sdk`). */
module.exports = {
  displayName: 'client-sdk',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/src/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
  testTimeout: 30000,
}
