// Timers are host functions, not ECMAScript: every platform the SDK targets has them, but the
// core's lib (ES2017, no DOM, no Node) does not declare them. Declared here, module-local.
declare const setTimeout: (callback: () => void, ms: number) => unknown
declare const clearTimeout: (handle: unknown) => void

/** Largest delay timers accept (2^31 - 1 ms); beyond it they fire at once. */
const MAX_DELAY_MS = 2147483647

/** Runs `callback` after `ms`; returns a cancel function. `Infinity` never fires. */
export function after(ms: number, callback: () => void): () => void {
  if (!(ms <= MAX_DELAY_MS)) return () => undefined
  const handle = setTimeout(callback, ms)
  return () => clearTimeout(handle)
}
