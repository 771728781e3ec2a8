import { SessionDataInvalidError } from './errors'
import { toJsonValue, valueAt } from './operations'
import { SECRETS_KEY } from './session-secrets'
import type { JsonObject, JsonValue, SessionOperation, SessionPath } from './types'

/** What a data proxy needs from its session. */
export interface DataAccess {
  view(): JsonObject
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
  const handler = new DataHandler(access, path)
  return new Proxy<object>(Array.isArray(handler.live()) ? [] : {}, handler)
}

/**
 * The traps of one data proxy. A class, so that its methods are shared by every proxy (a proxy
 * is made for each session that reads its data, and for each nested object read): making one
 * costs one object, not a closure per trap.
 */
class DataHandler implements ProxyHandler<object> {
  constructor(
    private readonly access: DataAccess,
    private readonly path: SessionPath,
  ) {}

  live(): unknown {
    return valueAt(this.access.view(), this.path)
  }

  /** The secrets' key at the top of the data: never shown, never written through the view. */
  private isSecrets(key: string | symbol): boolean {
    return key === SECRETS_KEY && this.path.length === 0
  }

  get(_target: object, key: string | symbol): unknown {
    return this.isSecrets(key) ? undefined : this.read(key)
  }

  set(_target: object, key: string | symbol, value: unknown): boolean {
    if (typeof key === 'symbol') return false
    if (this.isSecrets(key)) {
      throw new SessionDataInvalidError([key], `the key ${SECRETS_KEY} is kept for setSecret`)
    }
    return this.assign(key, value)
  }

  deleteProperty(_target: object, key: string | symbol): boolean {
    if (typeof key === 'symbol') return false
    // The view has no such key, so there is nothing to delete.
    if (this.isSecrets(key)) return true
    return this.remove(key)
  }

  has(_target: object, key: string | symbol): boolean {
    const node = this.live()
    return isContainer(node) && !this.isSecrets(key) && Reflect.has(node, key)
  }

  ownKeys(): ArrayLike<string | symbol> {
    const node = this.live()
    if (!isContainer(node)) return []
    const keys = Reflect.ownKeys(node)
    return this.path.length === 0 ? keys.filter((key) => key !== SECRETS_KEY) : keys
  }

  getOwnPropertyDescriptor(target: object, key: string | symbol): PropertyDescriptor | undefined {
    const node = this.live()
    if (!isContainer(node) || this.isSecrets(key)) return undefined
    const descriptor = Reflect.getOwnPropertyDescriptor(node, key)
    if (!descriptor) return undefined
    if (key === 'length' && Array.isArray(target)) return { ...descriptor, configurable: false }
    const value = typeof key === 'string' ? this.read(key) : descriptor.value
    return { value, writable: true, enumerable: descriptor.enumerable, configurable: true }
  }

  defineProperty(): boolean {
    return false
  }

  private read(key: string | symbol): unknown {
    const node = this.live()
    if (!isContainer(node)) return undefined
    const value = Reflect.get(node, key)
    if (typeof key === 'symbol' || !Object.prototype.hasOwnProperty.call(node, key)) return value
    return isContainer(value) ? createDataProxy(this.access, [...this.path, key]) : value
  }

  private assign(key: string, value: unknown): boolean {
    const { path } = this
    const root = this.arrayRoot()
    if (root !== -1) {
      return this.writeInArray(root, (node) =>
        Reflect.set(node, key, toJsonValue(value ?? null, [...path, key])),
      )
    }
    if (value === undefined) return this.remove(key)
    const at = [...path, key]
    this.access.write({ op: 'set', path: at, value: toJsonValue(value, at) })
    return true
  }

  private remove(key: string): boolean {
    const root = this.arrayRoot()
    if (root !== -1) return this.writeInArray(root, (node) => Reflect.deleteProperty(node, key))
    this.access.write({ op: 'delete', path: [...this.path, key] })
    return true
  }

  /** The depth of the outermost array on the path, or -1 when the path crosses none. */
  private arrayRoot(): number {
    const { path } = this
    let node: unknown = this.access.view()
    for (let i = 0; i < path.length; i++) {
      if (Array.isArray(node)) return i
      node = (node as Node)[path[i] as string]
    }
    return Array.isArray(node) ? path.length : -1
  }

  /** Write through a copy of the enclosing array, then record the whole array. */
  private writeInArray(root: number, change: (node: Node) => boolean): boolean {
    const rootPath = this.path.slice(0, root)
    const copy = structuredClone(valueAt(this.access.view(), rootPath)) as unknown
    let node = copy
    for (const key of this.path.slice(root)) node = (node as Node)[key]
    if (!change(node as Node)) return false
    const value: JsonValue = toJsonValue(
      Array.isArray(copy) ? Array.from(copy, (v) => v ?? null) : copy,
      rootPath,
    )
    this.access.write({ op: 'set', path: rootPath, value })
    return true
  }
}
