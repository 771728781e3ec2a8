/** Root Jest config: one project per workspace. */
module.exports = {
  projects: ['<rootDir>/server', '<rootDir>/client-sdk'],
}
