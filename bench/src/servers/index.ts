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
    id: 'koa-session-redis-defaults',
    label: 'koa-session 7 + ioredis, default client',
    store: 'redis',
    ours: false,
    create: async () => (await import('./koa-session')).createKoaSessionRedis('defaults'),
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
  {
    id: 'ours-redis-plus-5us',
    label: 'ours, Redis, + 5 µs CPU a request',
    store: 'redis',
    ours: true,
    create: async () => (await import('./ours-redis')).createOursRedisPlusCpu(5),
  },
  {
    id: 'app-redis',
    label: 'reference app, Redis',
    store: 'redis',
    ours: true,
    create: async () => (await import('./reference-app')).createReferenceApp('redis'),
  },
]

/**
 * Servers that are not in the line-up, for taking a cost apart (`--servers` picks them; see
 * `reference.ts`): the session layers over a `Map` of JSON texts, Redis traffic by hand, our
 * Redis store with `durability: 'replicated'` (against a replica the harness starts) or without
 * auto-pipelining, and the reference app on sqlite (left out of the line-up for time).
 */
export const REFERENCE_SERVERS: readonly ServerDefinition[] = [
  {
    id: 'ioredis-by-hand',
    label: 'no session library: GET/SET on ioredis by hand',
    store: 'redis',
    ours: false,
    create: async () => (await import('./reference')).createIoredisByHand(),
  },
  {
    id: 'koa-session-memory',
    label: 'koa-session 7 + a Map',
    store: 'memory',
    ours: false,
    create: async () => (await import('./reference')).createKoaSessionMemory(),
  },
  {
    id: 'ours-redis-replicated',
    label: 'ours, Redis, replicated',
    store: 'redis',
    ours: true,
    replica: true,
    create: async () => (await import('./ours-redis')).createOursRedis('replicated'),
  },
  {
    id: 'ours-redis-no-autopipelining',
    label: 'ours, Redis, without auto-pipelining',
    store: 'redis',
    ours: true,
    create: async () =>
      (await import('./ours-redis')).createOursRedis('async', { enableAutoPipelining: false }),
  },
  {
    id: 'app-sqlite',
    label: 'reference app, sqlite',
    store: 'sqlite',
    ours: true,
    create: async () => (await import('./reference-app')).createReferenceApp('sqlite'),
  },
  {
    id: 'ours-memory',
    label: 'ours + a Map',
    store: 'memory',
    ours: true,
    create: async () => (await import('./reference')).createOursMemory(),
  },
]

/** Every server: the line-up, then the reference servers (the order of tables and charts). */
export const ALL_SERVERS: readonly ServerDefinition[] = [...SERVERS, ...REFERENCE_SERVERS]

/** The definition of `id` (line-up or reference), or a thrown error listing the known ids. */
export function serverById(id: string): ServerDefinition {
  const found = ALL_SERVERS.find((s) => s.id === id)
  if (!found) {
    throw new Error(`Unknown server ${id}; known: ${ALL_SERVERS.map((s) => s.id).join(', ')}`)
  }
  return found
}
