module.exports = {
  displayName: 'session',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // The packaging test is a project of its own (test/packaging/jest.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/packaging/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
}
