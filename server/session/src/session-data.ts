import type { JsonValue } from './types'

/**
 * Your session fields, declared by merging into this interface, as express-session's
 * `SessionData`; they type `ctx.session.data`, `get` and `set` everywhere:
 *
 * ```ts
 * declare module '@header-session/koa' {
 *   interface SessionData {
 *     views?: number
 *     cart?: { items: Record<string, number> }
 *   }
 * }
 * ```
 *
 * Declare fields optional (a new session is empty), with JSON types. A field whose type is not
 * JSON (a `Date`, a `Map`, a function, `unknown`) cannot be read or written: its type becomes
 * the message `"SessionData.<field> is not JSON"`. Keys you do not declare hold any
 * `JsonValue`. Whatever the types say, every write is checked again at run time
 * (`SessionDataInvalidError`). `ctx.session` presents these fields as `SessionDataView`.
 */
export interface SessionData {
  // `unknown` here so that any field can be declared (an `interface` type has no index
  // signature, so a `JsonValue` one would refuse it); `SessionDataView` checks each for JSON.
  [key: string]: unknown
}

/**
 * The type of `ctx.session.data`: your `SessionData` fields, each one checked to be JSON, and
 * `JsonValue | undefined` at every other key.
 */
export type SessionDataView = {
  [K in keyof SessionData]: string extends K
    ? JsonValue | undefined
    : [NonJson<SessionData[K]>] extends [never]
      ? SessionData[K]
      : `SessionData.${K & string} is not JSON`
}

/** Levels `NonJson` looks into before it trusts the rest to the run-time check. */
type Deeper = [never, 0, 1, 2, 3, 4, 5, 6, 7]

/**
 * The parts of `T` that are not JSON (`never` when it all is). Structural, so an `interface`
 * of JSON fields passes; anything with a method (a `Date`, a `Map`) does not. Class instances
 * with data fields only pass here and are refused at run time.
 */
type NonJson<T, Depth extends number = 8> = 0 extends 1 & T
  ? never // `any`: the run-time check has it
  : T extends JsonValue | undefined
    ? never
    : [Depth] extends [never]
      ? never
      : T extends readonly (infer Item)[]
        ? NonJson<Item, Deeper[Depth]>
        : T extends (...args: never[]) => unknown
          ? T
          : T extends object
            ? { [K in keyof T]-?: NonJson<T[K], Deeper[Depth]> }[keyof T]
            : T
