import type { Context } from 'koa'
import { ValidationError } from '../errors'

/** The JSON body as an object; a non-object body fails validation as a whole. */
export function readBody(ctx: Context): Record<string, unknown> {
  const body: unknown = ctx.request.body
  if (body === undefined) return {}
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError({ body: 'expected a JSON object' })
  }
  return body as Record<string, unknown>
}

/** Collects one message per bad field, then throws them together. */
export class FieldErrors {
  readonly #fields: Record<string, string> = {}

  add(field: string, message: string): void {
    this.#fields[field] ??= message
  }

  /** @throws ValidationError when a field was added. */
  throwIfAny(): void {
    if (Object.keys(this.#fields).length > 0) throw new ValidationError(this.#fields)
  }
}

// Lone surrogates cannot be stored as UTF-8 (MySQL refuses them) and NUL breaks PostgreSQL text.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Text of `min`..`max` characters (code points) that every SQL engine can store. */
export function isText(value: unknown, min: number, max: number): value is string {
  if (typeof value !== 'string' || value.includes('\u0000') || LONE_SURROGATE.test(value)) {
    return false
  }
  const length = [...value].length
  return length >= min && length <= max
}
