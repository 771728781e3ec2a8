/*
 * Typed session data by declaration merging, as a user writes it (CommonJS under nodenext),
 * against the published declarations. Each `@ts-expect-error` line must fail to compile.
 */
import Koa from 'koa'
import { createMemoryStore, createSessionMiddleware, type JsonValue } from '@header-session/koa'

// An interface of JSON fields is JSON (its type has no index signature, yet it is accepted).
interface Cart {
  items: Record<string, number>
  coupon?: { code: string; percent: number } | null
}

declare module '@header-session/koa' {
  interface SessionData {
    views?: number
    cart?: Cart
    tags?: readonly string[]
    // Not JSON: a Date would come back from the store as a string, a Map as {}.
    signedUpAt?: Date
    seen?: Map<string, number>
  }
}

const app = new Koa()
app.use(createSessionMiddleware({ store: createMemoryStore() }))

app.use((ctx) => {
  // `data` is typed by the declaration.
  const views: number | undefined = ctx.session.data.views
  // @ts-expect-error views is a number
  const text: string | undefined = ctx.session.data.views
  ctx.session.data.views = (views ?? 0) + 1
  // @ts-expect-error views is a number
  ctx.session.data.views = 'one'
  const items: Record<string, number> | undefined = ctx.session.data.cart?.items
  delete ctx.session.data.views

  // `get` and `set` by key are typed by it too.
  const got: number | undefined = ctx.session.get('views')
  // @ts-expect-error get('views') is a number
  const gotText: string | undefined = ctx.session.get('views')
  ctx.session.set('views', 2)
  ctx.session.set('views', undefined) // deletes it
  // @ts-expect-error views is a number
  ctx.session.set('views', 'two')
  ctx.session.set('cart', { items: { A1: 2 } })
  // @ts-expect-error the cart's items are numbers
  ctx.session.set('cart', { items: { A1: 'two' } })

  // Undeclared keys take any JSON, and nothing else.
  const other: JsonValue | undefined = ctx.session.data.other
  ctx.session.data.other = { nested: [1, 'two', null] }
  // @ts-expect-error a Date is not JSON
  ctx.session.data.other = new Date()
  // @ts-expect-error a function is not JSON
  ctx.session.set('other', () => 1)
  // @ts-expect-error a Map is not JSON
  ctx.session.set(['deep', 'path'], new Map())
  ctx.session.set(['deep', 'path'], [1, 2])

  // A field declared with a type that is not JSON can be neither written nor used.
  // @ts-expect-error SessionData.signedUpAt is not JSON
  ctx.session.data.signedUpAt = new Date()
  // @ts-expect-error SessionData.signedUpAt is not JSON
  ctx.session.set('signedUpAt', new Date())
  // @ts-expect-error SessionData.seen is not JSON
  ctx.session.data.seen?.get('x')
  const tags: readonly string[] | undefined = ctx.session.get('tags')

  // Replacing the whole data is typed as well.
  ctx.session.data = { views: 1, cart: { items: {} } }
  // @ts-expect-error views is a number
  ctx.session.data = { views: '1' }

  // A path read still takes a type argument, as before.
  const count: number | undefined = ctx.session.get<number>(['stats', 'count'])

  ctx.body = { views, text, items, got, gotText, other, count, tags }
})
