import type { ServerDefinition } from './types'

/**
 * The line-up, in table order. Each factory is loaded only inside the child that runs it, so
 * one server's modules never weigh on another's process.
 */
export const SERVERS: readonly ServerDefinition[] = [
  {
    id: 'bare-koa',
    label: 'bare Koa (ceiling)',
    store: 'none',
    ours: false,
    create: async () => (await import('./bare-koa')).createBareKoa(),
  },
  {
    id: 'koa-session-redis',
    label: 'koa-session 7 + ioredis',
    store: 'redis',
    ours: false,
    create: async () => (await import('./koa-session')).createKoaSessionRedis(),
  },
  {
    id: 'express-session-redis',
    label: 'express-session + connect-redis',
    store: 'redis',
    ours: false,
    create: async () => (await import('./express-session')).createExpressSessionRedis(),
  },
  {
    id: 'koa-session-sqlite',
    label: 'koa-session 7 + Knex/sqlite3',
    store: 'sqlite',
    ours: false,
    create: async () => (await import('./koa-session')).createKoaSessionSqlite(),
  },
  {
    id: 'ours-redis',
    label: 'ours, Redis',
    store: 'redis',
    ours: true,
    create: async () => (await import('./ours-redis')).createOursRedis(),
  },
  {
    id: 'ours-sqlite',
    label: 'ours, sqlite',
    store: 'sqlite',
    ours: true,
    create: async (settings) => (await import('./ours-sql')).createOursSql('sqlite', settings),
  },
  {
    id: 'ours-pg',
    label: 'ours, PostgreSQL',
    store: 'pg',
    ours: true,
    create: async (settings) => (await import('./ours-sql')).createOursSql('pg', settings),
  },
]

/** The definition of `id`, or a thrown error listing the known ids. */
export function serverById(id: string): ServerDefinition {
  const found = SERVERS.find((s) => s.id === id)
  if (!found) throw new Error(`Unknown server ${id}; known: ${SERVERS.map((s) => s.id).join(', ')}`)
  return found
}
