import type { Context } from 'koa'
import type { JsonObject } from '@header-session/koa'
import type { AppRouter } from './route-deps'
import { FieldErrors, readBody } from './validate'

const SKU = /^[A-Za-z0-9_-]{1,32}$/

function items(ctx: Context): JsonObject {
  const value = ctx.session.get(['cart', 'items'])
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}
}

/**
 * The anonymous cart, kept in the session at `cart.items.<sku>`. Each change is one path-level
 * write, so parallel updates of different skus from one client all survive (PROTOCOL rule 5).
 */
export function registerCartRoutes(router: AppRouter): void {
  router.get('/cart', (ctx) => {
    ctx.body = { items: items(ctx) }
  })

  router.put('/cart/items/:sku', (ctx) => {
    const { sku } = ctx.params
    const { qty } = readBody(ctx)
    const errors = new FieldErrors()
    if (typeof sku !== 'string' || !SKU.test(sku)) {
      errors.add('sku', 'expected 1 to 32 letters, digits, - or _')
    }
    if (typeof qty !== 'number' || !Number.isInteger(qty) || qty < 1 || qty > 99) {
      errors.add('qty', 'expected an integer from 1 to 99')
    }
    errors.throwIfAny()
    ctx.session.set(['cart', 'items', sku as string], qty as number)
    ctx.body = { sku, qty }
  })

  router.delete('/cart/items/:sku', (ctx) => {
    const { sku } = ctx.params
    const errors = new FieldErrors()
    if (typeof sku !== 'string' || !SKU.test(sku)) {
      errors.add('sku', 'expected 1 to 32 letters, digits, - or _')
    }
    errors.throwIfAny()
    // Without a stored session there is nothing to delete, and no session to create for it.
    if (!ctx.session.isNew) ctx.session.delete(['cart', 'items', sku as string])
    ctx.status = 204
  })
}
