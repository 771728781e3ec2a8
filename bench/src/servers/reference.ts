import { randomUUID } from 'node:crypto'
import Koa, { type Context } from 'koa'
import {
  applyOperations,
  createSessionMiddleware,
  type SessionRecord,
  type SessionStore,
} from '@header-session/koa'
import { HEADER, SESSION_MAX_AGE_MS } from '../config'
import { koaSessionApp } from './koa-session'
import { counterRoute, type CounterData } from './koa-route'
import { openIoredis } from './redis-client'
import type { BenchServer } from './types'

/*
 * Reference servers: not in the line-up (`npm run bench -- --servers <id>,…` picks them). They
 * split a session library's cost in two: the session layer over an in-process store, and the
 * Redis traffic a hand-written handler needs for the same answers.
 */

/**
 * The counter by hand on ioredis, no session library: `GET` and `JSON.parse` the record, and on
 * a POST `SET … PX` its JSON (a new random id when there is none). What any Redis-backed session
 * layer costs at least, with none of its checks (no expiry, no token format, no version check).
 */
export async function createIoredisByHand(): Promise<BenchServer> {
  const { client, commands } = await openIoredis()
  const key = (id: string): string => `bench:hand:${id}`
  const app = new Koa()
  app.use(async function counter(ctx: Context) {
    let id = ctx.get(HEADER)
    let data: CounterData = {}
    if (id) {
      const raw = await client.get(key(id))
      if (raw !== null) data = JSON.parse(raw) as CounterData
    }
    if (ctx.method === 'GET') {
      ctx.body = { views: data.views ?? 0 }
      return
    }
    data.views = (data.views ?? 0) + 1
    if (!id) {
      id = randomUUID()
      ctx.set(HEADER, id)
    }
    await client.set(key(id), JSON.stringify(data), 'PX', SESSION_MAX_AGE_MS)
    ctx.body = { views: data.views }
  })
  return {
    listener: app.callback(),
    queries: commands,
    close: async () => {
      await client.quit()
    },
  }
}

/** koa-session 7 over a `Map` of JSON texts: its session layer without a network store. */
export async function createKoaSessionMemory(): Promise<BenchServer> {
  const texts = new Map<string, string>()
  const app = koaSessionApp({
    get: async (id) => {
      const text = texts.get(id)
      return text === undefined ? null : (JSON.parse(text) as unknown)
    },
    set: async (id, session) => {
      texts.set(id, JSON.stringify(session))
    },
    destroy: async (id) => {
      texts.delete(id)
    },
  })
  return { listener: app.callback(), queries: () => 0, close: async () => {} }
}

/**
 * Our middleware over a `Map` of JSON texts (the same store as `createKoaSessionMemory`'s):
 * the session layer without a network store.
 */
export async function createOursMemory(): Promise<BenchServer> {
  const app = new Koa()
  app.use(
    createSessionMiddleware({
      store: jsonMapStore(),
      headerName: HEADER,
      idleTimeoutMs: SESSION_MAX_AGE_MS,
    }),
  )
  app.use(counterRoute((ctx) => ctx.session.data as CounterData))
  return { listener: app.callback(), queries: () => 0, close: async () => {} }
}

/**
 * A `SessionStore` on a `Map` of JSON texts, as small as the contract allows: a commit writes
 * the caller's record when the stored version is the loaded one, and otherwise applies the
 * operations to the stored record. No expiry, size check or user index (the bench needs none).
 */
function jsonMapStore(): SessionStore {
  const texts = new Map<string, string>()
  const read = (id: string): SessionRecord | null => {
    const text = texts.get(id)
    return text === undefined ? null : (JSON.parse(text) as SessionRecord)
  }
  return {
    kind: 'memory',
    get: async (id) => read(id),
    async create(id, record) {
      if (texts.has(id)) return false
      texts.set(id, JSON.stringify(record))
      return true
    },
    async commit(id, commit) {
      const current = read(id)
      if (current === null) return { status: 'missing' }
      let next = commit.base?.record
      if (!next || current.version !== commit.base?.version) {
        next = {
          ...current,
          data: applyOperations(current.data, commit.operations),
          lastSeenAt: commit.lastSeenAt,
          idleExpiresAt: commit.idleExpiresAt,
          version: current.version + 1,
        }
        if (commit.binding !== undefined) {
          next.userId = commit.binding?.userId ?? null
          next.device = commit.binding?.device ?? null
        }
      }
      texts.set(id, JSON.stringify(next))
      return { status: 'applied', version: next.version }
    },
    destroy: async (id) => {
      const text = texts.get(id)
      texts.delete(id)
      return text === undefined ? null : (JSON.parse(text) as SessionRecord)
    },
    listByUser: async () => [],
    ping: async () => {},
  }
}
