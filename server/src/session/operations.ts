import { SessionDataInvalidError } from './errors'
import type { JsonObject, JsonValue, SessionData, SessionOperation, SessionPath } from './types'

/** Keys that would reach an object's prototype when assigned. */
const FORBIDDEN_KEYS = new Set(['__proto__'])

/**
 * Check that `value` is plain JSON and return a deep copy of it, so later changes to the
 * caller's object do not leak into the session. Throws `SessionDataInvalidError` for
 * `undefined`, functions, symbols, bigints, non-finite numbers, cycles, and objects that are
 * not plain (Date, Map, class instances): they would not come back from the store as written.
 */
export function toJsonValue(value: unknown, path: SessionPath): JsonValue {
  return copy(value, path, new Set())
}

function copy(value: unknown, path: SessionPath, seen: Set<object>): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new SessionDataInvalidError(path, `${value} is not JSON`)
    return value
  }
  if (typeof value !== 'object') throw new SessionDataInvalidError(path, `a ${typeof value} is not JSON`)
  if (seen.has(value)) throw new SessionDataInvalidError(path, 'the value holds a cycle')
  seen.add(value)
  try {
    if (Array.isArray(value)) return value.map((item, i) => copy(item, [...path, String(i)], seen))
    const proto = Object.getPrototypeOf(value) as unknown
    if (proto !== Object.prototype && proto !== null) {
      throw new SessionDataInvalidError(path, 'only plain objects and arrays are JSON')
    }
    const out: JsonObject = {}
    for (const [key, item] of Object.entries(value)) {
      checkKey(key, path)
      if (item === undefined) continue
      out[key] = copy(item, [...path, key], seen)
    }
    return out
  } finally {
    seen.delete(value)
  }
}

/** Throw when a path segment cannot be a key of session data. */
export function checkKey(key: string, path: SessionPath): void {
  if (typeof key !== 'string' || FORBIDDEN_KEYS.has(key)) {
    throw new SessionDataInvalidError(path, `the key ${JSON.stringify(key)} is not allowed`)
  }
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Apply operations in place to `data` and return it. Semantics every store shares:
 * `set` creates missing or non-object parents as `{}`; `delete` of a path whose parent is
 * missing does nothing; an empty path stands for the whole data (`set` needs an object there).
 */
export function applyOperations(data: SessionData, operations: readonly SessionOperation[]): SessionData {
  let root = data
  for (const operation of operations) {
    const { path } = operation
    if (path.length === 0) {
      root = operation.op === 'set' && isObject(operation.value) ? structuredClone(operation.value) : {}
      continue
    }
    let parent: JsonObject | undefined = root
    for (let i = 0; i < path.length - 1 && parent; i++) {
      const key = path[i] as string
      const child: JsonValue | undefined = parent[key]
      if (isObject(child)) parent = child
      else if (operation.op === 'set') parent = parent[key] = {}
      else parent = undefined
    }
    if (!parent) continue
    const last = path[path.length - 1] as string
    if (operation.op === 'set') parent[last] = structuredClone(operation.value)
    else delete parent[last]
  }
  return root
}

/** The value at `path`, or `undefined`. */
export function valueAt(data: SessionData, path: SessionPath): JsonValue | undefined {
  let node: JsonValue | undefined = data
  for (const key of path) {
    if (!isObject(node)) return undefined
    node = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined
  }
  return node
}

/** Size in bytes of the data as stores keep it (compact JSON, UTF-8). */
export function dataBytes(data: SessionData): number {
  return Buffer.byteLength(JSON.stringify(data))
}
