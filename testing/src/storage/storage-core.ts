import type { StorageLimits } from '../profiles/platform-profile'

/** Why a write was refused: past the per-key limit, or past the total. */
export type StorageRefusal = 'item' | 'total'

/** Keys and their values as JSON text, with sizes counted against the limits. */
export interface StorageCore {
  /** What is stored, as JSON text per key (tests may read it). */
  readonly entries: ReadonlyMap<string, string>
  readonly limits: StorageLimits
  /** Stores a copy of `data` (JSON), or leaves everything as it was and says why not. */
  set(key: string, data: unknown): StorageRefusal | undefined
  /** A copy of the value, or `undefined` when the key is absent. */
  get(key: string): unknown
  remove(key: string): void
  clear(): void
  /** `{ keys, currentSize, limitSize }`, sizes in KB as the platforms report them. */
  info(): { keys: string[]; currentSize: number; limitSize: number }
}

const bytes = (text: string): number => Buffer.byteLength(text)

/**
 * The storage the platforms share: values are kept as JSON (a read gives a copy), a key's size
 * is its name plus its JSON in UTF-8 bytes, and a write past a limit changes nothing.
 */
export function createStorageCore(limits: StorageLimits): StorageCore {
  const entries = new Map<string, string>()
  const size = (key: string, json: string): number => bytes(key) + bytes(json)
  let total = 0
  return {
    entries,
    limits,
    set(key, data) {
      const json = JSON.stringify(data === undefined ? null : data)
      const item = size(key, json)
      if (item > limits.maxItemBytes) return 'item'
      const old = entries.get(key)
      const next = total - (old === undefined ? 0 : size(key, old)) + item
      if (next > limits.maxTotalBytes) return 'total'
      entries.set(key, json)
      total = next
      return undefined
    },
    get(key) {
      const json = entries.get(key)
      return json === undefined ? undefined : (JSON.parse(json) as unknown)
    },
    remove(key) {
      const old = entries.get(key)
      if (old !== undefined) total -= size(key, old)
      entries.delete(key)
    },
    clear() {
      entries.clear()
      total = 0
    },
    info: () => ({
      keys: [...entries.keys()],
      currentSize: Math.ceil(total / 1024),
      limitSize: Math.floor(limits.maxTotalBytes / 1024),
    }),
  }
}

// setTimeout, not setImmediate: jsdom test environments have no setImmediate.
/** Runs an asynchronous storage call's work on a later task, as on a device. */
export function onLaterTask(work: () => void): void {
  setTimeout(work, 0)
}
