import type { Context } from 'koa'
import { MethodOverrideError } from '../errors'

/**
 * The header a client sends on a POST that stands for another method, where its platform's
 * request API cannot send that method (WeChat's `wx.request` has no PATCH, Alipay's
 * `my.request` only GET and POST): the SDK then sends POST with this header.
 */
export const METHOD_OVERRIDE_HEADER = 'X-HTTP-Method-Override'

/** The methods a POST may stand for: those whose body and meaning a POST can carry. */
const OVERRIDABLE = new Set(['PUT', 'PATCH', 'DELETE'])

const HEADER_KEY = METHOD_OVERRIDE_HEADER.toLowerCase()

/**
 * A POST with `X-HTTP-Method-Override: PUT | PATCH | DELETE` is routed as that
 * method (`ctx.method`; the body is read as for a POST). Any other override, or one on another
 * method than POST, answers 400 `METHOD_OVERRIDE_INVALID` naming it: a GET that passes for a
 * DELETE, or a POST that passes for a GET, would bypass what the method promises (caches,
 * CSRF rules, idempotence). Called by the app's edge (`createEdge`) before the routes.
 *
 * @throws MethodOverrideError for an override it does not take.
 */
export function overrideMethod(ctx: Context): void {
  const raw = ctx.req.headers[HEADER_KEY]
  if (raw !== undefined) {
    const value = (Array.isArray(raw) ? raw.join(', ') : raw).trim().toUpperCase()
    if (ctx.method !== 'POST') {
      throw new MethodOverrideError(
        `${METHOD_OVERRIDE_HEADER} is taken on POST only, not on ${ctx.method}`,
      )
    }
    if (!OVERRIDABLE.has(value)) {
      throw new MethodOverrideError(
        `${METHOD_OVERRIDE_HEADER} must be PUT, PATCH or DELETE, got ${JSON.stringify(value.slice(0, 32))}`,
      )
    }
    ctx.method = value
  }
}
