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
  // A Set, like an EventTarget: the same listener added twice runs once.
  const listeners = new Set<() => void>()
  const signal = {
    aborted: false,
    addEventListener: (_type: 'abort', listener: () => void) => void listeners.add(listener),
    removeEventListener: (_type: 'abort', listener: () => void) => void listeners.delete(listener),
  }
  return {
    signal,
    abort() {
      if (!signal.aborted) {
        signal.aborted = true
        listeners.forEach((listener) => listener())
        listeners.clear()
      }
    },
  }
}
