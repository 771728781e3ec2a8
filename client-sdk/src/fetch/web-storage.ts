import type { Storage } from '../core/types'

/** `localStorage`/`sessionStorage` as the SDK uses them. */
export interface WebStorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

declare const localStorage: WebStorageLike
declare const sessionStorage: WebStorageLike

/**
 * A storage over a Web Storage object. `target` is read on each use, so a browser that blocks
 * storage (private mode, disabled cookies) yields a `StorageError`, not a crash at startup.
 */
export function createWebStorage(target: WebStorageLike | (() => WebStorageLike)): Storage {
  const use = typeof target === 'function' ? target : () => target
  return {
    get: (key) => use().getItem(key),
    set: (key, value) => use().setItem(key, value),
    remove: (key) => use().removeItem(key),
  }
}

/**
 * `localStorage`: survives restarts, shared by tabs, readable by any script on the page (XSS).
 * Quota errors become `StorageError`.
 */
export function createLocalStorage(): Storage {
  return createWebStorage(() => localStorage)
}

/** `sessionStorage`: one tab, cleared when it closes. Less exposed than `localStorage`. */
export function createSessionStorage(): Storage {
  return createWebStorage(() => sessionStorage)
}
