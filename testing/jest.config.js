/** Jest project of the mini-program runtimes (from the root: `npx jest --selectProjects testing`). */
module.exports = {
  displayName: 'testing',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
}
