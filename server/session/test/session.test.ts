import { applyOperations } from '../src/operations'
import { sessionHandle } from '../src/session'
import { loadedSession } from './support/request-session'
import type { JsonObject, JsonValue } from '../src/types'

const fresh = (data: JsonObject = {}) => loadedSession(data)

describe('RequestSession', () => {
  it('records assignments as path-level operations', () => {
    const s = fresh({ cart: { items: { a: 1 } } })
    const data = s.data as { cart: { items: Record<string, number> }; count?: number }
    data.cart.items.b = 2
    data.count = 1
    delete data.cart.items.a
    expect(s.pending.operations).toEqual([
      { op: 'set', path: ['cart', 'items', 'b'], value: 2 },
      { op: 'set', path: ['count'], value: 1 },
      { op: 'delete', path: ['cart', 'items', 'a'] },
    ])
    expect(s.view).toEqual({ cart: { items: { b: 2 } }, count: 1 })
  })

  it('reads like a plain object', () => {
    const s = fresh({ a: { b: [1, { c: 2 }] }, n: null })
    expect(JSON.parse(JSON.stringify(s.data))).toEqual({ a: { b: [1, { c: 2 }] }, n: null })
    expect(Object.keys(s.data)).toEqual(['a', 'n'])
    expect('a' in s.data).toBe(true)
    expect(Array.isArray((s.data.a as { b: unknown }).b)).toBe(true)
    expect({ ...s.data }).toEqual({ a: { b: [1, { c: 2 }] }, n: null })
    expect(s.get(['a', 'b', '1', 'c'])).toBe(2)
    expect(s.get('missing')).toBeUndefined()
  })

  it('records a write inside an array as a set of the whole array', () => {
    const s = fresh({ list: [1, { x: 1 }] })
    const list = s.data.list as unknown as [number, { x: number }, ...number[]]
    list.push(3)
    list[1].x = 2
    expect(s.pending.operations).toEqual([{ op: 'set', path: ['list'], value: [1, { x: 2 }, 3] }])
    expect(s.view).toEqual({ list: [1, { x: 2 }, 3] })
  })

  it('lets a later write supersede earlier ones at or below its path', () => {
    const s = fresh()
    s.set(['a', 'b'], 1)
    s.set(['a', 'c'], 2)
    s.set('a', { d: 3 })
    s.set('z', 1)
    expect(s.pending.operations).toEqual([
      { op: 'set', path: ['a'], value: { d: 3 } },
      { op: 'set', path: ['z'], value: 1 },
    ])
  })

  it('keeps its view equal to the operations applied to what was loaded', () => {
    const loaded = { a: { b: 1 }, list: [1] }
    const s = fresh(structuredClone(loaded))
    const data = s.data as Record<string, unknown>
    data.a = 'scalar'
    s.set(['a', 'deep', 'er'], true)
    ;(data.list as number[]).length = 0
    s.delete(['nope', 'x'])
    expect(applyOperations(structuredClone(loaded), s.pending.operations)).toEqual(s.view)
  })

  it('copies values in, so later changes to the caller’s object do not leak', () => {
    const s = fresh()
    const value = { a: [1] }
    s.set('v', value)
    value.a.push(2)
    expect(s.get('v')).toEqual({ a: [1] })
  })

  it.each([
    ['a Date', new Date()],
    ['a Map', new Map()],
    ['a function', () => 1],
    ['NaN', Number.NaN],
    ['Infinity', Infinity],
    ['a bigint', BigInt(1)],
    ['a symbol', Symbol('s')],
    ['a class instance', new (class Point {})()],
  ])('refuses %s with a clear error', (_, value) => {
    const s = fresh()
    // Past the types (a cast, or a caller in JavaScript): the run-time check refuses it too.
    expect(() => s.set('v', value as JsonValue)).toThrow(/Cannot store session data at \["v"\]/)
    expect(() => ((s.data as Record<string, unknown>).v = value)).toThrow(
      /Cannot store session data/,
    )
    expect(s.pending.operations).toEqual([])
  })

  it('refuses cycles', () => {
    const s = fresh()
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(() => s.set('c', cyclic as JsonObject)).toThrow(/cycle/)
  })

  it('keeps __proto__ keys as plain data, never touching a prototype', () => {
    const s = fresh()
    s.set(['__proto__', 'polluted'], true)
    s.set('x', JSON.parse('{"__proto__": {"polluted": true}}'))
    ;(s.data as Record<string, unknown>)['__proto__'] = { polluted: 1 }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(JSON.stringify(s.view)).toBe(
      '{"__proto__":{"polluted":1},"x":{"__proto__":{"polluted":true}}}',
    )
    expect(applyOperations({}, s.pending.operations)).toEqual(s.view)
    expect(Object.getPrototypeOf(s.view)).toBe(Object.getPrototypeOf({}))
  })

  it('treats undefined as a delete, and holes in arrays as null', () => {
    const s = fresh({ a: 1, list: [] })
    s.set('a', undefined)
    ;(s.data.list as unknown[])[2] = 'x'
    expect(s.view).toEqual({ list: [null, null, 'x'] })
  })

  it('replaces the whole data through assignment to data', () => {
    const s = fresh({ a: 1 })
    s.data = { b: 2 }
    expect(s.view).toEqual({ b: 2 })
    expect(s.pending.operations).toEqual([{ op: 'set', path: [], value: { b: 2 } }])
  })

  it('binds a user and validates the binding', () => {
    const s = fresh()
    s.setUser('u1', { device: 'phone' })
    expect([s.userId, s.device]).toEqual(['u1', 'phone'])
    s.clearUser()
    expect(s.userId).toBeNull()
    expect(() => s.setUser('')).toThrow(/userId/)
    expect(() => s.setUser('u', { device: 'd'.repeat(200) })).toThrow(/device/)
  })

  it('starts over after destroy', () => {
    const s = fresh({ a: 1 })
    s.destroy()
    expect(s.isNew).toBe(true)
    expect(s.view).toEqual({})
    expect(s.pending.destroyId).toBe('x'.repeat(43))
  })

  it('derives a handle that is not the id', () => {
    const id = 'y'.repeat(43)
    expect(sessionHandle(id)).toHaveLength(22)
    expect(sessionHandle(id)).not.toContain(id.slice(0, 6))
    expect(fresh().handle).toBe(sessionHandle('x'.repeat(43)))
  })
})
