/** Root Jest config: one project per workspace. */
module.exports = {
  // Global options (Jest ignores them inside a project's config).
  testTimeout: 60_000,
  projects: [
    '<rootDir>/server/session',
    '<rootDir>/server/session/test/packaging/jest.config.js',
    '<rootDir>/server/app',
    '<rootDir>/client-sdk',
    '<rootDir>/testing',
    '<rootDir>/e2e',
    '<rootDir>/miniprogram-demo',
    '<rootDir>/bench',
  ],
}
