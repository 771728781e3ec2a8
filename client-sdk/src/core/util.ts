/** `value`, or `fallback` when it is `undefined` (`??` without its ES2020 syntax cost). */
export function or<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value
}

/** Does nothing (a rejection handler that swallows, a cancel with nothing to cancel). */
export const noop = (): void => undefined

/** `Object.assign`, under a name the minifier can shorten (it is used all over the core). */
export const assign = Object.assign
