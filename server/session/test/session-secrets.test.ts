import { SessionDataInvalidError } from '../src/errors'
import { createSecretSealer, SECRETS_KEY } from '../src/session-secrets'
import { loadedSession } from './support/request-session'

const KEY = 'an-encryption-key-of-32-characters!!'
const OLD_KEY = 'the-previous-key-of-32-characters!!!'

describe('session secrets', () => {
  it('are never in the data view, its keys, its JSON, or get()', () => {
    const s = loadedSession({ views: 1 })
    s.setSecret('wechatSessionKey', 'k3y')
    expect(s.getSecret('wechatSessionKey')).toBe('k3y')
    expect(JSON.stringify(s.data)).toBe('{"views":1}')
    expect(Object.keys(s.data)).toEqual(['views'])
    expect(SECRETS_KEY in s.data).toBe(false)
    expect((s.data as Record<string, unknown>)[SECRETS_KEY]).toBeUndefined()
    expect({ ...s.data }).toEqual({ views: 1 })
    expect(s.get(SECRETS_KEY)).toBeUndefined()
    expect(s.get([])).toEqual({ views: 1 })
    // Stored with the data, where every store keeps it.
    expect(s.view[SECRETS_KEY]).toEqual({ wechatSessionKey: 'plain.k3y' })
  })

  it('cannot be written or deleted through the data API', () => {
    const s = loadedSession()
    s.setSecret('a', 'b')
    const data = s.data as Record<string, unknown>
    expect(() => (data[SECRETS_KEY] = {})).toThrow(SessionDataInvalidError)
    expect(() => s.set(SECRETS_KEY, {})).toThrow(/kept for setSecret/)
    expect(() => s.set([SECRETS_KEY, 'a'], 'c')).toThrow(/kept for setSecret/)
    expect(() => s.delete(SECRETS_KEY)).toThrow(/kept for setSecret/)
    delete data[SECRETS_KEY] // the view has no such key: nothing happens
    expect(() => (s.data = { [SECRETS_KEY]: { a: 'plain.x' } })).toThrow(/kept for setSecret/)
    expect(s.getSecret('a')).toBe('b')
  })

  it('survive replacing the data, and go with destroy()', () => {
    const s = loadedSession({ cart: [1] })
    s.setSecret('a', 'b')
    s.data = {}
    expect(s.getSecret('a')).toBe('b')
    expect(JSON.stringify(s.data)).toBe('{}')
    const ops = s.pending.operations
    expect(ops[ops.length - 1]).toEqual({
      op: 'set',
      path: [SECRETS_KEY],
      value: { a: 'plain.b' },
    })
    s.destroy()
    expect(s.getSecret('a')).toBeUndefined()
  })

  it('are removed by setting undefined, and check their name and value', () => {
    const s = loadedSession()
    s.setSecret('a', 'b')
    s.setSecret('a', undefined)
    expect(s.getSecret('a')).toBeUndefined()
    expect(() => s.setSecret('', 'x')).toThrow(TypeError)
    expect(() => s.setSecret('n'.repeat(65), 'x')).toThrow(TypeError)
    expect(() => s.setSecret('a', 42 as unknown as string)).toThrow(/must be a string/)
    expect(s.getSecret('toString')).toBeUndefined()
  })

  it('are encrypted with the first key, opened by any, and unreadable otherwise', () => {
    const sealed = createSecretSealer([OLD_KEY]).seal('session-key-value')
    expect(sealed).toMatch(/^aes256gcm\.[\w-]{8}\.[\w-]+\.[\w-]*\.[\w-]+$/)
    expect(sealed).not.toContain('session-key-value')
    const rotated = createSecretSealer([KEY, OLD_KEY])
    expect(rotated.open(sealed)).toBe('session-key-value')
    expect(rotated.seal('v').split('.')[1]).not.toBe(sealed.split('.')[1])
    expect(createSecretSealer([KEY]).open(sealed)).toBeUndefined()
    const parts = sealed.split('.')
    parts[3] = Buffer.from('tampered').toString('base64url')
    expect(rotated.open(parts.join('.'))).toBeUndefined()
    expect(rotated.open('garbage')).toBeUndefined()
    // Values stored before keys were configured still read.
    expect(rotated.open('plain.before')).toBe('before')
  })

  it('read as undefined when the stored value does not open', () => {
    const s = loadedSession({ [SECRETS_KEY]: { a: 'aes256gcm.nokey.x.y.z', b: 5 } }, [KEY])
    expect(s.getSecret('a')).toBeUndefined()
    expect(s.getSecret('b')).toBeUndefined()
  })
})
