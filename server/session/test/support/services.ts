/**
 * Where the real services live in tests, and what to do when one is missing: under
 * `CI=true` a missing service fails the run; elsewhere its tests are skipped with a loud line.
 */
export const SERVICES = {
  redis: { url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/5' },
  postgres: { url: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  mysql: { url: process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test' },
} as const

export type ServiceName = keyof typeof SERVICES

/** Set by the global setup when a service did not answer (never under CI). */
export function serviceMissing(name: ServiceName): boolean {
  return process.env[`HS_MISSING_${name.toUpperCase()}`] === '1'
}

/** `describe`, or a loud skip when the service is missing outside CI. */
export function describeWith(name: ServiceName): jest.Describe {
  return serviceMissing(name) ? describe.skip : describe
}
