/** Jest project of the bench harness: its arithmetic, not its runs (`npm run bench` does those). */
module.exports = {
  displayName: 'bench',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
}
