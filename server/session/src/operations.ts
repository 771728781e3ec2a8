import { SessionDataInvalidError } from './errors'
import type { JsonObject, JsonValue, SessionOperation, SessionPath } from './types'

/**
 * Check that `value` is plain JSON and return a deep copy of it, so later changes to the
 * caller's object do not leak into the session. Throws `SessionDataInvalidError` for
 * `undefined`, functions, symbols, bigints, non-finite numbers, cycles, and objects that are
 * not plain (Date, Map, class instances): they would not come back from the store as written.
 */
export function toJsonValue(value: unknown, path: SessionPath): JsonValue {
  // A primitive is its own copy: no cycle check to set up (most writes).
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number' && Number.isFinite(value)) return value
  return copy(value, path, new Set())
}

function copy(value: unknown, path: SessionPath, seen: Set<object>): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new SessionDataInvalidError(path, `${value} is not JSON`)
    return value
  }
  if (typeof value !== 'object')
    throw new SessionDataInvalidError(path, `a ${typeof value} is not JSON`)
  if (seen.has(value)) throw new SessionDataInvalidError(path, 'the value holds a cycle')
  seen.add(value)
  try {
    if (Array.isArray(value)) return value.map((item, i) => copy(item, [...path, String(i)], seen))
    // A plain object's prototype is some realm's Object.prototype (whose own prototype is null).
    const proto = Object.getPrototypeOf(value) as object | null
    if (proto !== null && Object.getPrototypeOf(proto) !== null) {
      throw new SessionDataInvalidError(path, 'only plain objects and arrays are JSON')
    }
    const out: JsonObject = {}
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue
      setOwn(out, key, copy(item, [...path, key], seen))
    }
    return out
  } finally {
    seen.delete(value)
  }
}

/** Throw when a path segment cannot be a key of session data. */
export function checkKey(key: unknown, path: SessionPath): void {
  if (typeof key !== 'string') {
    throw new SessionDataInvalidError(path, `the key ${String(key)} is not a string`)
  }
}

/**
 * Assign an own property. Plain assignment of `__proto__` would replace the prototype
 * instead; JSON allows the key, so it is stored as the data property JSON.parse makes.
 */
export function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    })
  } else {
    target[key] = value
  }
}

/** An own property, never one inherited from a prototype. */
function ownValue(target: JsonObject, key: string): JsonValue | undefined {
  return Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined
}

/** A copy of a JSON value; primitives are immutable, so they are their own copy. */
function copyOf(value: JsonValue): JsonValue {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Apply operations in place to `data` and return it. Semantics every store shares:
 * `set` creates missing or non-object parents as `{}`; `delete` of a path whose parent is
 * missing does nothing; an empty path stands for the whole data (`set` needs an object there).
 * Object and array values are copied into `data`, so the operation and the data never share
 * them (a session keeps its pending operations while its view changes further).
 */
export function applyOperations(
  data: JsonObject,
  operations: readonly SessionOperation[],
): JsonObject {
  let root = data
  for (const operation of operations) {
    const { path } = operation
    if (path.length === 0) {
      root =
        operation.op === 'set' && isObject(operation.value) ? structuredClone(operation.value) : {}
      continue
    }
    let parent: JsonObject | undefined = root
    for (let i = 0; i < path.length - 1 && parent; i++) {
      const key = path[i] as string
      const child = ownValue(parent, key)
      if (isObject(child)) parent = child
      else if (operation.op === 'set') {
        const created: JsonObject = {}
        setOwn(parent, key, created)
        parent = created
      } else parent = undefined
    }
    if (!parent) continue
    const last = path[path.length - 1] as string
    if (operation.op === 'set') setOwn(parent, last, copyOf(operation.value))
    else if (Object.prototype.hasOwnProperty.call(parent, last)) delete parent[last]
  }
  return root
}

/** The value at `path` (array indexes included), or `undefined`. */
export function valueAt(data: JsonObject, path: SessionPath): JsonValue | undefined {
  let node: JsonValue | undefined = data
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined
    node = Object.prototype.hasOwnProperty.call(node, key)
      ? (node as Record<string, JsonValue>)[key]
      : undefined
  }
  return node
}

/** Size in bytes of the data as stores keep it (compact JSON, UTF-8). */
export function dataBytes(data: JsonObject): number {
  return Buffer.byteLength(JSON.stringify(data))
}
