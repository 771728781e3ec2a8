/**
 * Jest project of the end-to-end suite (from the root: `npx jest --selectProjects e2e`).
 * Node environment; the mini-program files ask for jsdom in their docblock.
 */
module.exports = {
  displayName: 'e2e',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 60_000,
}
