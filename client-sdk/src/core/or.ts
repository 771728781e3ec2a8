/** `value`, or `fallback` when it is `undefined` (`??` without its ES2020 syntax cost). */
export function or<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value
}
