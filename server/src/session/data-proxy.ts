import { checkKey, toJsonValue, valueAt } from './operations'
import type { JsonValue, SessionData, SessionOperation, SessionPath } from './types'

/** What a data proxy needs from its session. */
export interface DataAccess {
  view(): SessionData
  write(operation: SessionOperation): void
}

type Node = Record<string | symbol, unknown>

const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null

/**
 * A live view of the session data at `path` that turns writes into path-level operations.
 * Writes to objects record `set`/`delete` at the exact key; a write anywhere inside an array
 * records a `set` of the whole (outermost) array, since arrays are stored as one value.
 * Each access resolves the path afresh, so a proxy never acts on a replaced object.
 */
export function createDataProxy(access: DataAccess, path: SessionPath): object {
  const live = (): unknown => valueAt(access.view(), path)
  const target = Array.isArray(live()) ? [] : {}

  function arrayRoot(): number {
    let node: unknown = access.view()
    for (let i = 0; i < path.length; i++) {
      if (Array.isArray(node)) return i
      node = (node as Node)[path[i] as string]
    }
    return Array.isArray(node) ? path.length : -1
  }

  /** Write through a copy of the enclosing array, then record the whole array. */
  function writeInArray(root: number, change: (node: Node) => boolean): boolean {
    const rootPath = path.slice(0, root)
    const copy = structuredClone(valueAt(access.view(), rootPath)) as unknown
    let node = copy
    for (const key of path.slice(root)) node = (node as Node)[key]
    if (!change(node as Node)) return false
    const value = toJsonValue(
      Array.isArray(copy) ? Array.from(copy, (v) => v ?? null) : copy,
      rootPath,
    )
    access.write({ op: 'set', path: rootPath, value })
    return true
  }

  function assign(key: string, value: unknown): boolean {
    const root = arrayRoot()
    if (root !== -1) {
      return writeInArray(root, (node) =>
        Reflect.set(node, key, toJsonValue(value ?? null, [...path, key])),
      )
    }
    checkKey(key, [...path, key])
    if (value === undefined) return remove(key)
    const at = [...path, key]
    access.write({ op: 'set', path: at, value: toJsonValue(value, at) as JsonValue })
    return true
  }

  function remove(key: string): boolean {
    const root = arrayRoot()
    if (root !== -1) return writeInArray(root, (node) => Reflect.deleteProperty(node, key))
    access.write({ op: 'delete', path: [...path, key] })
    return true
  }

  function read(key: string | symbol): unknown {
    const node = live()
    if (!isContainer(node)) return undefined
    const value = Reflect.get(node, key)
    if (typeof key === 'symbol' || !Object.prototype.hasOwnProperty.call(node, key)) return value
    return isContainer(value) ? createDataProxy(access, [...path, key]) : value
  }

  return new Proxy<object>(target, {
    get: (_t, key) => read(key),
    set(_t, key, value) {
      if (typeof key === 'symbol') return false
      return assign(key, value)
    },
    deleteProperty(_t, key) {
      if (typeof key === 'symbol') return false
      return remove(key)
    },
    has(_t, key) {
      const node = live()
      return isContainer(node) && Reflect.has(node, key)
    },
    ownKeys() {
      const node = live()
      return isContainer(node) ? Reflect.ownKeys(node) : []
    },
    getOwnPropertyDescriptor(t, key) {
      const node = live()
      if (!isContainer(node)) return undefined
      const descriptor = Reflect.getOwnPropertyDescriptor(node, key)
      if (!descriptor) return undefined
      if (key === 'length' && Array.isArray(t)) return { ...descriptor, configurable: false }
      const value = typeof key === 'string' ? read(key) : descriptor.value
      return { value, writable: true, enumerable: descriptor.enumerable, configurable: true }
    },
    defineProperty() {
      return false
    },
  })
}
