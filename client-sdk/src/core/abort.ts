import type { AbortSignalLike } from './types'

/** A controller for platforms without `AbortController` (mini-programs). */
export interface AbortControllerLike {
  readonly signal: AbortSignalLike
  abort(): void
}

/**
 * Creates an abort controller that works everywhere. Pass its `signal` to any call.
 *
 * @example
 * ```ts
 * const ctl = createAbortController()
 * client.get('/api/feed', { signal: ctl.signal })
 * ctl.abort() // the call rejects with AbortError and the platform task is aborted
 * ```
 */
export function createAbortController(): AbortControllerLike {
  let listeners: Array<() => void> = []
  const signal = {
    aborted: false,
    addEventListener(_type: 'abort', listener: () => void) {
      listeners.push(listener)
    },
    removeEventListener(_type: 'abort', listener: () => void) {
      listeners = listeners.filter((l) => l !== listener)
    },
  }
  return {
    signal,
    abort() {
      if (signal.aborted) return
      signal.aborted = true
      const run = listeners
      listeners = []
      run.forEach((l) => l())
    },
  }
}
