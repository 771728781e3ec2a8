/**
 * The reference app's session fields, declared by merging into the library's `SessionData`:
 * they type `ctx.session.data`, `get` and `set` in every route. Add yours here (optional, JSON
 * only; see the root README's "Growing the app").
 */
declare module '@header-session/koa' {
  interface SessionData {
    /** `POST /api/counter`: how many times this session counted. */
    count?: number
    /** The anonymous cart: quantity by sku (`PUT /api/cart/items/:sku`). */
    cart?: { items: Record<string, number> }
  }
}

export {}
